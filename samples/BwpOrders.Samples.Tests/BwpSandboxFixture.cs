using BwpOrders.Testing;

namespace BwpOrders.Samples.Tests;

/// <summary>
/// One BwP sandbox per test class (<c>IClassFixture&lt;BwpSandboxFixture&gt;</c>): its own server, store and target,
/// so test classes run in parallel without seeing each other's orders. Kept here, not in the package, so the package
/// does not tie you to a test framework or its version: NUnit and MSTest fixtures are the same few lines.
/// </summary>
public sealed class BwpSandboxFixture : IAsyncLifetime
{
    public BwpSandbox Bwp { get; private set; } = null!;

    public async Task InitializeAsync() => Bwp = await BwpSandbox.StartAsync(new BwpSandboxOptions { SimulateFulfillment = true });

    public async Task DisposeAsync() => await Bwp.DisposeAsync();
}
