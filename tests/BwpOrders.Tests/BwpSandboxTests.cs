using System.Collections.Concurrent;
using System.Net;
using BwpOrders.Domain.Access;
using BwpOrders.Storage;
using BwpOrders.Testing;
using BwpOrders.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace BwpOrders.Tests;

/// <summary>BwpOrders.Testing's <see cref="BwpSandbox"/>: what a merchant's test gets from it, over HTTP to its server.</summary>
public sealed class BwpSandboxTests : FreshStorageTest
{
    private const string CreateOrder = """
        mutation { createOrder(input: { lineItems: [{ product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "mug-1" } },
          amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }
        """;

    [Fact]
    public async Task Answers_GraphQL_with_its_credential_in_the_version_asked_and_reuses_its_token()
    {
        await using var bwp = await BwpSandbox.StartAsync();
        Assert.Equal("127.0.0.1", bwp.Url.Host);
        Assert.NotEqual(0, bwp.Url.Port);
        Assert.StartsWith("bp-sandbox-", bwp.Credential.TargetId);
        Assert.Equal(Scopes.Orders, bwp.Credential.Scopes);

        var created = await bwp.GraphQLAsync(CreateOrder);
        var id = created.GetProperty("data").GetProperty("createOrder").GetProperty("order").GetProperty("id").GetString();
        // Only 2024-01-01 answers "no longer supported" for order(orderId:): the answer shows the version header was sent.
        var old = await bwp.GraphQLAsync($$"""{ order(orderId: "{{id}}") { id } }""", version: ApiClient.V2024_01_01);
        Assert.Contains("no longer supported", old.GetProperty("errors")[0].GetProperty("message").GetString());
        var read = await bwp.GraphQLAsync("query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }", new { id });
        Assert.Equal(id, read.GetProperty("data").GetProperty("order").GetProperty("id").GetString());

        Assert.Equal(await bwp.TokenAsync(), await bwp.TokenAsync());
    }

    [Fact]
    public async Task Its_control_API_resets_the_target_and_restores_a_snapshot()
    {
        await using var bwp = await BwpSandbox.StartAsync();
        async Task<string> Create() => (await bwp.GraphQLAsync(CreateOrder)).GetProperty("data").GetProperty("createOrder").GetProperty("order").GetProperty("id").GetString()!;
        async Task<bool> Exists(string id) => (await bwp.GraphQLAsync($$"""{ order(orderIdentifier: { orderId: "{{id}}" }) { id } }""")).GetProperty("data").GetProperty("order").ValueKind != System.Text.Json.JsonValueKind.Null;

        var kept = await Create();
        var snapshot = await bwp.Control.SnapshotAsync("one order");
        var later = await Create();
        await bwp.Control.RestoreAsync(snapshot);
        Assert.True(await Exists(kept));
        Assert.False(await Exists(later));

        await bwp.Control.ResetAsync();
        Assert.False(await Exists(kept));
        Assert.True(await Exists(await Create())); // the credential and its token still work after a reset
    }

    [Fact]
    public async Task Connecting_to_a_running_server_gives_a_fresh_target_of_its_own()
    {
        await using var server = await BwpSandbox.StartAsync();
        await using var connected = await BwpSandbox.ConnectAsync(server.Url, server.Credential.ClientId, server.Credential.ClientSecret);
        Assert.NotEqual(server.Credential.TargetId, connected.Credential.TargetId);
        Assert.Equal(Scopes.All, connected.Credential.Scopes);

        var id = (await connected.GraphQLAsync(CreateOrder)).GetProperty("data").GetProperty("createOrder").GetProperty("order").GetProperty("id").GetString();
        var query = $$"""{ order(orderIdentifier: { orderId: "{{id}}" }) { id } }""";
        Assert.Equal(id, (await connected.GraphQLAsync(query)).GetProperty("data").GetProperty("order").GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await server.GraphQLAsync(query)).GetProperty("data").GetProperty("order").ValueKind);
        await connected.AdvanceClockAsync(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<InvalidOperationException>(() => connected.TokenAsync(Scopes.ViewOrderData));
    }

    [Fact]
    public async Task A_token_for_fewer_scopes_comes_from_a_credential_of_the_same_target_with_only_those()
    {
        await using var bwp = await BwpSandbox.StartAsync();
        var viewOnly = await bwp.TokenAsync(Scopes.ViewOrderData);
        Assert.NotEqual(await bwp.TokenAsync(), viewOnly);
        Assert.Equal(viewOnly, await bwp.TokenAsync(Scopes.ViewOrderData));

        var api = new ApiClient(bwp.Http);
        (await api.Send(bwp.Credential.TargetId, null, CreateOrder, bearer: viewOnly)).AssertError("AccessDeniedError");
        (await api.Send(bwp.Credential.TargetId, null, CreateOrder, bearer: await bwp.TokenAsync(Scopes.EditOrderData))).AssertSuccess();
    }

    [Fact]
    public async Task Its_clock_starts_where_asked_and_moves_through_the_control_API_which_answers_errors_as_exceptions()
    {
        await using var bwp = await BwpSandbox.StartAsync(new BwpSandboxOptions { StartTime = DateTimeOffset.Parse("2025-01-01T00:00:00Z") });
        Assert.StartsWith("2025-01-01T", (await bwp.Control.ClockAsync()).GetProperty("now").GetString());
        var advanced = await bwp.AdvanceClockAsync(TimeSpan.FromDays(3));
        Assert.StartsWith("2025-01-04T", advanced.GetProperty("now").GetString());
        Assert.Equal(3 * 24 * 3600, advanced.GetProperty("offsetSeconds").GetDouble());

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => bwp.AdvanceClockAsync(TimeSpan.FromSeconds(-1)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ValidationError", refused.Message);
    }

    [Fact]
    public async Task Sandboxes_on_one_given_store_each_get_a_target_of_their_own_and_the_store_outlives_them()
    {
        string first;
        await using (var one = await BwpSandbox.StartAsync(new BwpSandboxOptions { Storage = Storage }))
        {
            first = one.Credential.TargetId;
            await one.GraphQLAsync(CreateOrder);
        }
        await using var two = await BwpSandbox.StartAsync(new BwpSandboxOptions { Storage = Storage });
        Assert.NotEqual(first, two.Credential.TargetId);
        Assert.Empty((await two.Control.DeliveriesAsync()).GetProperty("deliveries").EnumerateArray()); // nothing of the other target's
        var kept = await StorageSpec.Open(Storage).Credentials.ListAsync();
        Assert.Contains(kept, c => c.TargetId == first);
    }

    [Fact]
    public async Task Logs_to_the_tests_logger_factory_when_given_one()
    {
        var lines = new ConcurrentQueue<string>();
        using var factory = LoggerFactory.Create(b => b.AddProvider(new RecordingProvider(lines)));
        await using (var bwp = await BwpSandbox.StartAsync(new BwpSandboxOptions { LoggerFactory = factory }))
            await bwp.TokenAsync();
        Assert.Contains(lines, l => l.StartsWith("BwpOrders.Server.Auth.TokenEndpoint: Issued a token"));
    }

    private sealed class RecordingProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, lines);
        public void Dispose() { }
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)}");
    }
}

/// <summary>What the test process has around it (environment, working directory, temporary folder) stays out of the sandbox.</summary>
[Collection(nameof(ProcessStateCollection))]
public sealed class BwpSandboxIsolationTests
{
    [Fact]
    public async Task Ignores_the_test_processs_environment_and_working_directory_and_deletes_its_store_when_disposed()
    {
        var folder = Directory.CreateTempSubdirectory("bwp-sandbox-isolation-");
        var temporary = Directory.CreateDirectory(Path.Combine(folder.FullName, "tmp"));
        var before = (Directory: Directory.GetCurrentDirectory(), Temp: Environment.GetEnvironmentVariable("TMPDIR"));
        // Each of these would stop the start or move the server, were it read.
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "appsettings.json"), """{ "Limits": { "MaxQueryDepth": "not a number" } }""");
        string[] variables = ["Limits__MaxQueryDepth", "ASPNETCORE_URLS", "DOTNET_URLS"];
        foreach (var variable in variables) Environment.SetEnvironmentVariable(variable, variable == "Limits__MaxQueryDepth" ? "not a number" : "http://127.0.0.1:1");
        Environment.SetEnvironmentVariable("TMPDIR", temporary.FullName);
        Directory.SetCurrentDirectory(folder.FullName);
        try
        {
            Uri url;
            await using (var bwp = await BwpSandbox.StartAsync())
            {
                url = bwp.Url;
                Assert.NotEqual(1, url.Port);
                var store = Assert.Single(temporary.GetDirectories());
                Assert.StartsWith("bwp-sandbox-", store.Name);
                Assert.Contains(store.GetFiles(), f => f.Name == "bwp-orders.db");
                Assert.Equal("ready", await bwp.Http.GetStringAsync("readyz"));
            }
            Assert.Empty(temporary.GetFileSystemInfos());
            using var probe = new System.Net.Sockets.TcpClient();
            await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync(url.Host, url.Port));
        }
        finally
        {
            Directory.SetCurrentDirectory(before.Directory);
            Environment.SetEnvironmentVariable("TMPDIR", before.Temp);
            foreach (var variable in variables) Environment.SetEnvironmentVariable(variable, null);
            folder.Delete(recursive: true);
        }
    }
}
