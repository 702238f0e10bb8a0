using BwpOrders.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using BwpOrders.Server.Hosting;

namespace BwpOrders.Server.GraphQL;

/// <summary>
/// <c>GET /schema/VERSION.graphql</c>: a version's whole SDL for codegen, exactly the schema this server serves in
/// its environment (no sandbox mutations in production). No token: introspection shows the same to any caller
/// with one, and the schema is documentation, not data.
/// </summary>
public static class SchemaEndpoint
{
    public const string ContentType = "text/plain; charset=utf-8";

    public static void Map(WebApplication app) =>
        app.MapGet("/schema/{version}.graphql", (string version, ApiSchemas schemas) => schemas.Print(version) is { } sdl
                ? Results.Text(sdl, ContentType)
                : Results.Text($"No API version '{GraphQLEndpoint.Truncate(version)}' here: this server serves {string.Join(", ", schemas.Versions)} (e.g. /schema/{ApiVersion.Latest}.graphql).\n",
                    ContentType, statusCode: StatusCodes.Status404NotFound))
            .RequireRateLimiting(RequestProtection.GraphQLPolicy);
}
