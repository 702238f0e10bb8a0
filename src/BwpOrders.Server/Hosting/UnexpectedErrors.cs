using BwpOrders.Domain;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// The last answer for what no endpoint answered: an exception outside GraphQL execution (the database failing past
/// its retries while a token's credential is looked up, a bug) is logged and answered 500 InternalServerError in
/// BwP's shape, never as a bare 500 or a stack trace. A request its client abandoned is not answered.
/// </summary>
public static class UnexpectedErrors
{
    public static IApplicationBuilder UseUnexpectedErrorAnswers(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("BwpOrders.Errors");
        return app.Use(async (http, next) =>
        {
            try
            {
                await next(http);
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
            {
                logger.LogError(e, "{Method} {Path} failed unexpectedly", http.Request.Method, http.Request.Path.Value);
                if (http.Response.HasStarted) throw; // nothing can be said any more: Kestrel ends the connection
                http.Response.Clear();
                await WriteInternalErrorAsync(http);
            }
        });
    }

    public const string InternalCode = "InternalServerError";

    /// <summary>The server's own 500 (also what an injected InternalServerError answers).</summary>
    public static Task WriteInternalErrorAsync(HttpContext http) =>
        BwpResponses.WriteErrorAsync(http, 500, ErrorKind.InternalServer, InternalCode, BwpErrorInfoProvider.InternalMessage, CancellationToken.None);
}
