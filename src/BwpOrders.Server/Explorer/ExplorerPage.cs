using BwpOrders.Server.GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BwpOrders.Server.Explorer;

/// <summary>
/// <c>GET /explorer</c>: GraphiQL over this server's <c>/graphql</c>, from files embedded in the assembly
/// (<see cref="ExplorerAssets"/>), nothing from another origin. The page is static and needs no token; each request
/// it sends carries the token its user typed. Served by sandbox and production servers alike: it reaches nothing
/// the API does not already offer to a caller with a token.
/// </summary>
public static class ExplorerPage
{
    /// <summary>
    /// Only this origin, no inline script. Inline styles are allowed: GraphiQL's dialogs (Radix) add style elements
    /// as they open. Fonts and icons are data: URLs inside the CSS.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        + "form-action 'none'; frame-ancestors 'none'";

    /// <summary>The bundle's file names carry their content's hash, so browsers may keep them.</summary>
    private const string HashedAssetCaching = "public, max-age=31536000, immutable";

    public static void Map(WebApplication app)
    {
        app.MapGet("/explorer", (HttpContext http) => Index(http));
        app.MapGet("/explorer/config.json", (HttpContext http, ApiSchemas schemas) =>
        {
            Secure(http, "no-cache");
            return Results.Json(new { versions = schemas.Versions, latest = schemas.Versions.Last() });
        });
        app.MapGet("/explorer/{file}", (string file, HttpContext http) => file == ExplorerAssets.IndexName ? Index(http)
            : ExplorerAssets.All.TryGetValue(file, out var asset) ? Asset(http, asset) : Results.NotFound());
    }

    private static IResult Asset(HttpContext http, ExplorerAsset asset)
    {
        Secure(http, HashedAssetCaching);
        if (asset.Gzipped is null) return Results.Bytes(asset.Content, asset.ContentType);
        http.Response.Headers.Vary = "Accept-Encoding";
        if (!AcceptsGzip(http.Request)) return Results.Bytes(asset.Content, asset.ContentType);
        http.Response.Headers.ContentEncoding = "gzip";
        return Results.Bytes(asset.Gzipped, asset.ContentType);
    }

    private static IResult Index(HttpContext http)
    {
        Secure(http, "no-cache");
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return ExplorerAssets.All.TryGetValue(ExplorerAssets.IndexName, out var index)
            ? Results.Bytes(index.Content, index.ContentType)
            : Results.Content(WithoutAssets, "text/html; charset=utf-8");
    }

    /// <summary>The bundle is about a third of its size gzipped, made once at build time rather than per request.</summary>
    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (e.Quality ?? 1) > 0);

    private static void Secure(HttpContext http, string caching)
    {
        http.Response.Headers.CacheControl = caching;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>What a server built without npm answers: the bundle is made at build time, from Explorer/web.</summary>
    private const string WithoutAssets = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>BwpOrders explorer</title></head>
        <body>
          <main>
            <h1>BwpOrders explorer</h1>
            <p>This server was built without the explorer's assets: npm was not on the PATH when it was built.
            Install Node.js (with npm) and rebuild (<code>dotnet build</code>): the build bundles GraphiQL from
            src/BwpOrders.Server/Explorer/web into the server.</p>
            <p>The GraphQL API at <code>/graphql</code> works without it.</p>
          </main>
        </body>
        </html>
        """;
}
