using BwpOrders.Testcontainers;
using BwpOrders.Testing;

namespace BwpOrders.Samples.Tests;

/// <summary>
/// One BwP sandbox per test class (<c>IClassFixture&lt;BwpSandboxFixture&gt;</c>), with a target of its own, so test
/// classes run in parallel without seeing each other's orders. By default its own server in this process; with
/// <c>BWP_ORDERS_URL</c>, <c>BWP_ORDERS_CLIENT_ID</c> and <c>BWP_ORDERS_CLIENT_SECRET</c> set, a fresh target of a server
/// running elsewhere (the single-file binary or the container started by the CI job, with simulated fulfilment on);
/// with <c>BWP_ORDERS_CONTAINER=1</c>, a container of the <c>bwp-orders</c> image of its own, through BwpOrders.Testcontainers
/// (Docker, or podman's socket in <c>DOCKER_HOST</c>).
/// Kept here, not in the package, so the package does not tie you to a test framework or its version: NUnit and
/// MSTest fixtures are the same few lines.
/// </summary>
public sealed class BwpSandboxFixture : IAsyncLifetime
{
    public BwpSandbox Bwp { get; private set; } = null!;

    private BwpOrdersContainer? _container;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("BWP_ORDERS_URL") is { Length: > 0 } url)
        {
            Bwp = await BwpSandbox.ConnectAsync(new Uri(url), Required("BWP_ORDERS_CLIENT_ID"), Required("BWP_ORDERS_CLIENT_SECRET"));
        }
        else if (Environment.GetEnvironmentVariable("BWP_ORDERS_CONTAINER") == "1")
        {
            _container = new BwpOrdersBuilder().WithSimulatedFulfillment().WithHostNetwork().Build(); // webhooks reach this process on loopback
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // a hang guard, not a speed limit
            await _container.StartAsync(patience.Token);
            var credential = await _container.GetSandboxCredentialAsync(patience.Token);
            Bwp = await BwpSandbox.ConnectAsync(_container.GetBaseAddress(), credential.ClientId, credential.ClientSecret);
        }
        else
        {
            Bwp = await BwpSandbox.StartAsync(new BwpSandboxOptions { SimulateFulfillment = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (Bwp is not null) await Bwp.DisposeAsync(); // null when the start failed
        if (_container is not null) await _container.DisposeAsync();
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"BWP_ORDERS_URL is set, so {name} must be too.");
}
