using System.CommandLine;

namespace BwpOrders.Cli;

/// <summary>
/// <c>healthcheck</c>: GET a running server's <c>/healthz</c>, exit 0 when it answers 200 and 1 otherwise. The
/// container image's health command (the SDK's images carry no HEALTHCHECK, and the base has no curl), also usable as
/// a Kubernetes exec probe or a CI wait step.
/// </summary>
public static class HealthCheckCommand
{
    public static Command Build()
    {
        var url = new Option<string>("--url")
        {
            Description = "The health endpoint (default: /healthz on loopback at the port serve listens on by default: ASPNETCORE_URLS, BWP_HTTP_PORT, else 8080)",
            DefaultValueFactory = _ => Listening.HealthUrl().ToString(),
        };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answer", DefaultValueFactory = _ => 5 };
        var command = new Command("healthcheck", "Exit 0 if a running server's /healthz answers 200, else 1 (a container health command)") { url, timeout };
        command.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout)) };
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
                throw new ArgumentException($"--url {parse.GetValue(url)}: give an absolute http(s) URL, e.g. http://127.0.0.1:8080/healthz");
            try
            {
                using var response = await http.GetAsync(target, ct);
                Console.WriteLine($"{target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Console.WriteLine($"{target}: no answer ({e.Message})");
                return 1;
            }
        });
        return command;
    }
}
