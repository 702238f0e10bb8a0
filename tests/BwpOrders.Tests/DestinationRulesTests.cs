using System.Net;
using System.Text.Json.Nodes;
using BwpOrders.Server.Events;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Where BwP may send (security review F3, F4, F8): one classifier of IANA's special-purpose ranges for webhooks and
/// OAuth endpoints alike, whatever spelling carries the address; proxies only when configured, and then only after
/// the destination passed; loopback by default only on a server listening on loopback alone.
/// </summary>
public sealed class DestinationRulesTests(DestinationRulesTests.BothModes servers) : IClassFixture<DestinationRulesTests.BothModes>
{
    /// <summary>A sandbox and a production server, started once for the class.</summary>
    public sealed class BothModes : IAsyncLifetime
    {
        public ServerFixture Sandbox { get; } = new();
        public ServerFixture Production { get; } = new() { Production = true };
        public Task InitializeAsync() => Task.WhenAll(Sandbox.InitializeAsync(), Production.InitializeAsync());
        public async Task DisposeAsync()
        {
            await Sandbox.DisposeAsync();
            await Production.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("8.8.8.8", AddressKind.Public)]
    [InlineData("2606:4700::1111", AddressKind.Public)]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.1.2.3", AddressKind.Loopback)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("10.0.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.Private)]       // CGNAT
    [InlineData("198.18.0.1", AddressKind.Private)]       // benchmarking
    [InlineData("192.0.0.170", AddressKind.Private)]      // IETF protocol assignments
    [InlineData("fd12::1", AddressKind.Private)]          // unique local
    [InlineData("fec0::1", AddressKind.Private)]          // site-local
    [InlineData("169.254.169.254", AddressKind.Never)]
    [InlineData("100.100.100.200", AddressKind.Never)]
    [InlineData("fd00:ec2::254", AddressKind.Never)]
    [InlineData("0.0.0.0", AddressKind.Never)]
    [InlineData("255.255.255.255", AddressKind.Never)]
    [InlineData("224.0.0.1", AddressKind.Never)]
    [InlineData("192.0.2.1", AddressKind.Never)]          // documentation
    [InlineData("::", AddressKind.Never)]
    [InlineData("fe80::1", AddressKind.Never)]
    [InlineData("ff02::1", AddressKind.Never)]
    [InlineData("2001:db8::1", AddressKind.Never)]
    [InlineData("100::1", AddressKind.Never)]             // discard-only
    [InlineData("4000::1", AddressKind.Never)]            // outside global unicast
    // IPv6 carrying an IPv4 address is judged by that address.
    [InlineData("::ffff:169.254.169.254", AddressKind.Never)]   // IPv4-mapped
    [InlineData("::ffff:0:169.254.169.254", AddressKind.Never)] // IPv4-translated
    [InlineData("::169.254.169.254", AddressKind.Never)]        // IPv4-compatible
    [InlineData("64:ff9b::169.254.169.254", AddressKind.Never)] // NAT64
    [InlineData("64:ff9b::10.0.0.1", AddressKind.Private)]
    [InlineData("64:ff9b::8.8.8.8", AddressKind.Public)]
    [InlineData("64:ff9b:1::8.8.8.8", AddressKind.Private)]     // local-use NAT64 is not global
    [InlineData("64:ff9b:1::169.254.169.254", AddressKind.Never)]
    [InlineData("2002:a9fe:a9fe::1", AddressKind.Never)]        // 6to4 of 169.254.169.254
    [InlineData("2002:0a00:0001::1", AddressKind.Private)]      // 6to4 of 10.0.0.1
    [InlineData("2002:0808:0808::1", AddressKind.Public)]
    [InlineData("2001:0:4136:e378:8000:63bf:5601:5601", AddressKind.Never)] // Teredo, client 169.254.169.254 ... inverted
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    public void Every_address_is_judged_by_what_it_reaches(string address, AddressKind expected) =>
        Assert.Equal(expected, AddressRanges.Classify(IPAddress.Parse(address)).Kind);

    public static TheoryData<string> NeverCalled => new()
    {
        "https://[::169.254.169.254]/", "https://[64:ff9b::169.254.169.254]/", "https://[2002:a9fe:a9fe::1]/", "https://[::ffff:0:a9fe:a9fe]/",
        "https://[2001:0:4136:e378:8000:63bf:5601:5601]/", "https://[64:ff9b:1::a9fe:a9fe]/", "https://169.254.169.254/", "https://[fd00:ec2::254]/",
        "https://192.0.2.10/", "https://[ff02::1]/", "https://[2001:db8::1]/",
    };

    public static TheoryData<string> PrivateOnes => new()
    {
        "https://[fec0::1]/", "https://198.18.0.1/", "https://192.0.0.170/", "https://[64:ff9b::a00:1]/", "https://[2002:0a00:0001::1]/", "https://100.64.1.1/",
    };

    [Theory]
    [MemberData(nameof(NeverCalled))]
    [MemberData(nameof(PrivateOnes))]
    public async Task Special_purpose_addresses_are_refused_as_webhooks_and_token_endpoints_in_both_modes(string url)
    {
        foreach (var server in new[] { servers.Sandbox, servers.Production })
        {
            var target = "bp-" + Guid.NewGuid();

            var webhook = await server.Api.Send(target, ApiClient.V2024_11_01, "mutation($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { subscriptionId } }",
                new JsonObject { ["input"] = new JsonObject { ["eventType"] = "ORDER_CONFIRMED", ["destination"] = new JsonObject { ["webhook"] = new JsonObject { ["url"] = url, ["method"] = "POST" } } } });
            var profile = await server.Api.Send(target, ApiClient.V2024_11_01, "mutation($input: CreateAuthProfileInput!) { createAuthProfile(input: $input) { authProfileId } }",
                new JsonObject { ["input"] = new JsonObject { ["authConfig"] = new JsonObject { ["oAuthConfig"] = new JsonObject
                {
                    ["clientParameters"] = new JsonObject { ["clientId"] = "c", ["clientSecret"] = "s" }, ["authEndpoint"] = url + "token", ["httpMethod"] = "POST",
                } } } });

            foreach (var refused in new[] { webhook, profile })
                Assert.Contains("must not point at", (string?)refused.AssertError("ValidationError", "ValidationError")["message"]);
        }
    }

    [Fact]
    public async Task A_proxy_from_the_environment_is_ignored_and_deliveries_go_straight_to_the_endpoint()
    {
        await using var storage = await TestStorage.CreateAsync();
        await using var proxy = new RecordingProxy();
        await using var sink = await WebhookSink.StartAsync();
        await using var server = await ServerProcess.StartAsync(storage.Spec, new Dictionary<string, string>
        {
            ["HTTPS_PROXY"] = proxy.Url, ["HTTP_PROXY"] = proxy.Url, ["ALL_PROXY"] = proxy.Url, ["https_proxy"] = proxy.Url, ["http_proxy"] = proxy.Url,
        });
        var setup = new OrderSetup(server.Api, "bp-" + Guid.NewGuid());
        await new EventSubscriber(server.Api, setup.Target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/direct"));

        await setup.Create();

        await sink.WaitFor("/hooks/direct", r => r.Count == 1);
        Assert.Empty(proxy.RequestLines);
    }

    [Fact]
    public async Task A_configured_proxy_is_used_only_for_destinations_that_pass_the_rules()
    {
        await using var storage = await TestStorage.CreateAsync();
        await using var proxy = new RecordingProxy();
        await using var sink = await WebhookSink.StartAsync();
        // Loopback destinations are refused here, but the proxy (the operator's) is on loopback: it is used, for what passes.
        await using var refusing = await ServerProcess.StartAsync(storage.Spec, new Dictionary<string, string>
        {
            ["Events__Proxy"] = proxy.Url, ["Events__AllowLoopback"] = "false",
        });
        var setup = new OrderSetup(refusing.Api, "bp-" + Guid.NewGuid());
        var events = new EventSubscriber(refusing.Api, setup.Target);
        // A name this machine resolves to a loopback address (not a loopback name, so creation cannot tell): refused
        // before any CONNECT would send it to the proxy. Where no such name exists, one that does not resolve at all.
        var name = LoopbackAliasInHostsFile() ?? "no-such-host.invalid";
        await events.Webhook("ORDER_CONFIRMED", $"https://{name}:{sink.BaseAddress.Port}/hooks/refused");

        await setup.Create();
        var deliveries = await WaitForAttempt(events);

        Assert.Matches("resolves to an address this server may not call|does not resolve", (string?)deliveries[0]!["attempts"]![0]!["error"]);
        Assert.Empty(proxy.RequestLines);

        // A server allowing loopback (on a store of its own) sends an allowed destination through the proxy, as an
        // absolute-form request.
        await using var other = await TestStorage.CreateAsync();
        await using var allowing = await ServerProcess.StartAsync(other.Spec, new Dictionary<string, string> { ["Events__Proxy"] = proxy.Url });
        var through = new OrderSetup(allowing.Api, "bp-" + Guid.NewGuid());
        await new EventSubscriber(allowing.Api, through.Target).Webhook("ORDER_CONFIRMED", sink.Url("/hooks/proxied"));
        await through.Create();
        var line = await Eventually(() => proxy.RequestLines.FirstOrDefault());
        Assert.Equal($"POST {sink.Url("/hooks/proxied")} HTTP/1.1", line);
        Assert.Empty(sink.At("/hooks/proxied")); // the proxy answered, as it would have relayed it
    }

    [Fact]
    public async Task A_server_reachable_from_elsewhere_refuses_loopback_destinations_unless_they_are_enabled()
    {
        await using var storage = await TestStorage.CreateAsync();
        const string subscribe = "mutation($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { subscriptionId } }";
        JsonObject Input(string url) => new() { ["input"] = new JsonObject { ["eventType"] = "ORDER_CONFIRMED", ["destination"] = new JsonObject { ["webhook"] = new JsonObject { ["url"] = url, ["method"] = "POST" } } } };

        await using (var shared = await ServerProcess.StartAsync(storage.Spec, listenOn: "0.0.0.0"))
        {
            var target = "bp-" + Guid.NewGuid();
            foreach (var url in new[] { "http://127.0.0.1:9/x", "https://127.0.0.1:9/x", "https://localhost:9/x", "https://[::1]:9/x", "https://localhost.:9/x" })
            {
                var refused = await shared.Api.Send(target, null, subscribe, Input(url));
                Assert.Matches("loopback", (string?)refused.AssertError("ValidationError", "ValidationError")["message"]);
            }
        }
        await using var enabled = await ServerProcess.StartAsync(storage.Spec, new Dictionary<string, string> { ["Events__AllowLoopback"] = "true" }, listenOn: "0.0.0.0");
        (await enabled.Api.Send("bp-" + Guid.NewGuid(), null, subscribe, Input("http://127.0.0.1:9/x"))).AssertSuccess();
    }

    /// <summary>A host name other than localhost that /etc/hosts maps to a loopback address (as "vm" is here), if any.</summary>
    private static string? LoopbackAliasInHostsFile() =>
        File.Exists("/etc/hosts")
            ? File.ReadLines("/etc/hosts").Select(l => l.Split('#')[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length > 1 && IPAddress.TryParse(f[0], out var a) && IPAddress.IsLoopback(a))
                .SelectMany(f => f.Skip(1)).FirstOrDefault(n => n != "localhost" && !n.EndsWith(".localhost") && !n.Contains("localhost") && !n.Contains("loopback"))
            : null;

    private static async Task<JsonArray> WaitForAttempt(EventSubscriber events) =>
        await Eventually(async () => await events.Deliveries() is { Count: > 0 } d && d[0]!["attempts"]!.AsArray().Count > 0 ? d : null);

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException("timed out waiting");
            await Task.Delay(100);
        }
    }

    private static Task<T> Eventually<T>(Func<T?> probe) where T : class => Eventually(() => Task.FromResult(probe()));
}
