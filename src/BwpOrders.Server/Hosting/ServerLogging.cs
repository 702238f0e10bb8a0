namespace BwpOrders.Server.Hosting;

/// <summary>
/// Console logs with scopes, so every request line carries its RequestId, which is also returned in the
/// <c>x-request-id</c> header: plain text for a person at a terminal, JSON lines for a log collector
/// (<c>Logging:Format</c> = auto, text or json). Nothing here logs bodies, headers, tokens or secrets.
/// </summary>
public static class ServerLogging
{
    public const string RequestIdHeader = "x-request-id";

    /// <param name="custom">An embedding application's own logging (providers, levels), in place of the console.</param>
    public static void Configure(WebApplicationBuilder builder, Action<ILoggingBuilder>? custom = null)
    {
        builder.Logging.ClearProviders();
        // Framework request logs carry query strings (GET /graphql?query=...&variables=...): keep them out.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (custom is not null)
            custom(builder.Logging);
        else if (IsText(builder))
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        else
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = Domain.Timestamps.Pattern;
                o.UseUtcTimestamp = true;
            });
    }

    /// <summary>
    /// auto (the default) is text when stdout is a terminal or the environment is Development, JSON otherwise
    /// (piped into a collector, a file or a container's log driver).
    /// </summary>
    private static bool IsText(WebApplicationBuilder builder) => builder.Configuration["Logging:Format"]?.ToLowerInvariant() switch
    {
        null or "" or "auto" => builder.Environment.IsDevelopment() || !System.Console.IsOutputRedirected,
        "text" => true,
        "json" => false,
        var other => throw new ArgumentException($"Logging:Format must be auto, text or json, not '{other}'."),
    };

    /// <summary>Returns the request id in a header and logs one line per request: method, path (never the query string), status, time.</summary>
    public static IApplicationBuilder UseRequestId(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("BwpOrders.Requests");
        return app.Use(async (http, next) =>
        {
            http.Response.Headers[RequestIdHeader] = http.TraceIdentifier;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await next(http);
            if (logger.IsEnabled(LogLevel.Information)) // the arguments are boxed before the logger could drop them
                logger.LogInformation("{Method} {Path} -> {Status} in {ElapsedMs:0.0} ms",
                    http.Request.Method, http.Request.Path.Value, http.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
    }
}
