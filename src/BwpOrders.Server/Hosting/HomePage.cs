using System.Net;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// <c>GET /</c>: what this server offers, for a person who opened its address in a browser (rather than a 404): the
/// explorer and console, the API and its schemas, and the operational endpoints. Static apart from the versions.
/// </summary>
public static class HomePage
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static void Map(WebApplication app, bool production)
    {
        var schemas = app.Services.GetRequiredService<ApiSchemas>();
        var page = Render(schemas.Versions, production);
        app.MapGet("/", (HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = Policy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Content(page, "text/html; charset=utf-8");
        });
    }

    private static string Render(IEnumerable<string> versions, bool production)
    {
        var schemaLinks = string.Join(", ", versions.Select(v => $"""<a href="/schema/{WebUtility.HtmlEncode(v)}.graphql">{WebUtility.HtmlEncode(v)}</a>"""));
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>BwpOrders</title>
            <style>
              body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
              a { color: #0b57d0; } a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
              code { background: #f2f2f2; padding: 0 .25rem; }
            </style>
            </head>
            <body>
            <main>
            <h1>BwpOrders</h1>
            <p>A self-hosted Buy with Prime API ({{(production ? "production mode" : "sandbox")}}).</p>
            <h2>Look around</h2>
            <ul>
              <li><a href="/explorer">Explorer</a>: GraphiQL over this server, with each version's docs.</li>
              <li><a href="/console">Console</a>: a target's orders, packages, returns, events and deliveries.</li>
            </ul>
            <h2>The API</h2>
            <ul>
              <li><code>POST /token</code>: client credentials for a bearer token.</li>
              <li><code>POST /graphql</code> with <code>x-api-target-id</code> and <code>x-api-version</code>; schemas: {{schemaLinks}}.</li>
              <li><code>/control/v1/…</code>: what BwpOrders adds (listings, timelines, deliveries, the request journal, the clock{{(production ? "" : ", faults, reset, snapshots")}}).</li>
            </ul>
            <h2>Operations</h2>
            <ul>
              <li><a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a>, <a href="/metrics">/metrics</a>, <a href="/jwks.json">/jwks.json</a> (webhook signing keys).</li>
            </ul>
            </main>
            </body>
            </html>
            """;
    }
}
