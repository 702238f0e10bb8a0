using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace BwpOrders.Testcontainers;

/// <summary>
/// A started BwpOrders container: where it answers and the credential it printed. For a fresh target per test class,
/// reset, snapshots and faults, hand both to BwpOrders.Testing's <c>BwpSandbox.ConnectAsync</c>.
/// </summary>
public sealed class BwpOrdersContainer : DockerContainer
{
    private readonly Uri? _onHostLoopback;

    /// <summary>A container of <paramref name="configuration"/>; <see cref="BwpOrdersBuilder.Build"/> makes it.</summary>
    public BwpOrdersContainer(IContainerConfiguration configuration)
        : base(configuration)
    {
        _onHostLoopback = BwpOrdersBuilder.OnHostLoopback(configuration);
    }

    /// <summary>The API's base address on the host, e.g. <c>http://127.0.0.1:32768/</c> (<c>/graphql</c>, <c>/token</c>, <c>/control/v1</c>).</summary>
    public Uri GetBaseAddress() =>
        _onHostLoopback ?? new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(BwpOrdersBuilder.ApiPort)).Uri;

    /// <summary>
    /// The sandbox credential the server printed when it started on its fresh store: target <c>bp-sandbox-…</c>,
    /// View and Edit Order Data. Read from the container's logs; the wait strategy has seen it printed.
    /// </summary>
    public async Task<SandboxCredential> GetSandboxCredentialAsync(CancellationToken ct = default)
    {
        var (stdout, _) = await GetLogsAsync(timestampsEnabled: false, ct: ct);
        return SandboxCredential.Parse(stdout);
    }
}
