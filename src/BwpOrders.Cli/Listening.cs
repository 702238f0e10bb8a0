namespace BwpOrders.Cli;

/// <summary>
/// Where <c>serve</c> listens unless told, read as ASP.NET Core reads its own variables: <c>ASPNETCORE_URLS</c>; else
/// <c>ASPNETCORE_HTTP_PORTS</c> on every interface (what Microsoft's container images set, and ours); else loopback
/// port 8080, a laptop's default. <c>healthcheck</c> asks the same port on loopback.
/// </summary>
public static class Listening
{
    public static string DefaultUrls() => DefaultUrls(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"));

    public static string DefaultUrls(string? urls, string? httpPorts) =>
        urls is { Length: > 0 } ? urls
        : FirstPort(httpPorts) is { } port ? $"http://0.0.0.0:{port}"
        : "http://127.0.0.1:8080";

    /// <summary>Loopback at the port of the first address <see cref="DefaultUrls()"/> gives.</summary>
    public static Uri HealthUrl()
    {
        var first = DefaultUrls().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = first is not null && Uri.TryCreate(first.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) ? uri.Port : 8080;
        return new Uri($"http://127.0.0.1:{port}/healthz");
    }

    private static int? FirstPort(string? ports) =>
        ports?.Split(';', ',').Select(p => p.Trim()).FirstOrDefault(p => p.Length > 0) is { } first && int.TryParse(first, out var port) && port is > 0 and < 65536 ? port : null;
}
