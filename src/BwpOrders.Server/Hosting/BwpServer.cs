using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;
using BwpOrders.Storage;
using GraphQL;
using GraphQL.SystemTextJson;

namespace BwpOrders.Server.Hosting;

public sealed record ServerOptions(string Urls, string Storage);

/// <summary>Builds the web application: transport, versions, domain and storage wired together.</summary>
public static class BwpServer
{
    public static async Task<WebApplication> BuildAsync(ServerOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);

        var store = StorageSpec.Open(options.Storage);
        await store.MigrateAsync();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderService>();
        builder.Services.AddSingleton<ApiSchemas>();
        builder.Services.AddSingleton<IDocumentExecuter, DocumentExecuter>();
        // Relaxed escaping keeps quotes in error messages readable; the content type is JSON, never HTML.
        builder.Services.AddSingleton(new GraphQLSerializer(
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
            new BwpErrorInfoProvider()));
        builder.Services.AddSingleton<GraphQLEndpoint>();

        var app = builder.Build();
        app.MapPost("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.HandleAsync(http));
        app.MapGet("/graphql", (HttpContext http, GraphQLEndpoint endpoint) => endpoint.HandleAsync(http));
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (IOrderStore s, CancellationToken ct) =>
            await s.PingAsync(ct) ? Results.Text("ready") : Results.StatusCode(503));
        // Build the schemas now so a broken schema fails the start, not the first request.
        app.Services.GetRequiredService<ApiSchemas>();
        return app;
    }
}
