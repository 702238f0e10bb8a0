using System.Text.RegularExpressions;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace BwpOrders.Testcontainers;

/// <summary>
/// Ready when <c>/healthz</c> answers 200 where the API is (a published port, or the host's loopback with
/// WithHostNetwork) and the sandbox credential block, printed after the server listens, is in the logs.
/// </summary>
internal sealed class UntilSandboxIsReady : IWaitUntil
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<bool> UntilAsync(IContainer container)
    {
        var bwp = (BwpOrdersContainer)container;
        try
        {
            using var health = await Http.GetAsync(new Uri(bwp.GetBaseAddress(), "healthz"));
            if (!health.IsSuccessStatusCode) return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
        var (stdout, _) = await container.GetLogsAsync(timestampsEnabled: false);
        return Regex.IsMatch(stdout, SandboxCredential.LastLine);
    }
}
