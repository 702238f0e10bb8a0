namespace BwpOrders.Cli;

/// <summary>
/// Where <c>serve</c> listens unless told: <c>ASPNETCORE_URLS</c>; else every interface at the port of
/// <c>BWP_HTTP_PORT</c> (the container image sets it: a value without a colon, which the SDK's multi-platform build
/// keeps whole); else loopback port 8080, a laptop's default. Not ASP.NET Core's ASPNETCORE_HTTP_PORTS: the .NET SDK's
/// own images set that too, and a developer container would then listen on every interface and lose loopback webhooks.
/// <c>healthcheck</c> asks the same port on loopback.
/// </summary>
public static class Listening
{
    public static string DefaultUrls() => DefaultUrls(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Environment.GetEnvironmentVariable("BWP_HTTP_PORT"));

    public static string DefaultUrls(string? urls, string? port) =>
        urls is { Length: > 0 } ? urls
        : ParsePort(port) is { } every ? $"http://0.0.0.0:{every}"
        : "http://127.0.0.1:8080";

    /// <summary>Loopback at the port of the first address <see cref="DefaultUrls()"/> gives.</summary>
    public static Uri HealthUrl()
    {
        var first = DefaultUrls().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = first is not null && Uri.TryCreate(first.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) ? uri.Port : 8080;
        return new Uri($"http://127.0.0.1:{port}/healthz");
    }

    private static int? ParsePort(string? value) =>
        value is { Length: > 0 } && int.TryParse(value.Trim(), out var port) && port is > 0 and < 65536 ? port
        : value is { Length: > 0 } ? throw new ArgumentException($"BWP_HTTP_PORT={value}: give a port number (1-65535).")
        : null;
}
