namespace BwpOrders.Server.Hosting;

/// <summary>
/// Console logs: JSON outside Development, with scopes so every request line carries its RequestId, which
/// is also returned in the <c>x-request-id</c> header. Nothing here logs bodies, headers, tokens or secrets.
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
        else if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        else
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = Domain.Timestamps.Pattern;
                o.UseUtcTimestamp = true;
            });
    }

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
