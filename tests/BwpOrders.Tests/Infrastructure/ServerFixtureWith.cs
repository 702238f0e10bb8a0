namespace BwpOrders.Tests.Infrastructure;

/// <summary>A class fixture for a server with its own settings: <c>public sealed class Fixture() : ServerFixtureWith([...]);</c>.</summary>
public abstract class ServerFixtureWith(string[] configuration, bool production = false) : IAsyncLifetime
{
    public ServerFixture Server { get; } = new() { ConfigurationArgs = configuration, Production = production };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}
