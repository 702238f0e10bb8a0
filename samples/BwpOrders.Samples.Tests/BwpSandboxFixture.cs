using BwpOrders.Testing;

namespace BwpOrders.Samples.Tests;

/// <summary>
/// One BwP sandbox per test class (<c>IClassFixture&lt;BwpSandboxFixture&gt;</c>), with a target of its own, so test
/// classes run in parallel without seeing each other's orders. By default its own server in this process; with
/// <c>BWP_ORDERS_URL</c>, <c>BWP_ORDERS_CLIENT_ID</c> and <c>BWP_ORDERS_CLIENT_SECRET</c> set, a fresh target of a server
/// running elsewhere (the single-file binary or the container started by the CI job, with simulated fulfilment on).
/// Kept here, not in the package, so the package does not tie you to a test framework or its version: NUnit and
/// MSTest fixtures are the same few lines.
/// </summary>
public sealed class BwpSandboxFixture : IAsyncLifetime
{
    public BwpSandbox Bwp { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Bwp = Environment.GetEnvironmentVariable("BWP_ORDERS_URL") is { Length: > 0 } url
            ? await BwpSandbox.ConnectAsync(new Uri(url), Required("BWP_ORDERS_CLIENT_ID"), Required("BWP_ORDERS_CLIENT_SECRET"))
            : await BwpSandbox.StartAsync(new BwpSandboxOptions { SimulateFulfillment = true });

    public async Task DisposeAsync() => await Bwp.DisposeAsync();

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"BWP_ORDERS_URL is set, so {name} must be too.");
}
