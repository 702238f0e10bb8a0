using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// <c>serve --seed N</c> (the same requests on a fresh store get the same ids), <c>serve --ephemeral</c> (a store that
/// is gone when the server exits) and the command line's <c>targets create|reset</c>.
/// </summary>
public sealed class EphemeralAndSeedTests
{
    /// <summary>The ids a fixed sequence of requests is answered with: order, line items, return, refund, subscription, snapshot.</summary>
    private static async Task<List<string>> IdsOfOneRun(int? seed)
    {
        var server = new ServerFixture { Seed = seed };
        await server.InitializeAsync();
        try
        {
            var setup = new OrderSetup(server.Api, "bp-seed-target");
            var order = await setup.Create(lineItems: 2);
            var ids = new List<string> { order.Id };
            ids.AddRange(order.LineItemIds);
            ids.Add(await setup.AddReturn(order.Id, order.LineItemIds[0]));
            ids.Add(await setup.AddRefund(order.Id, order.LineItemIds[1]));
            ids.Add(await new EventSubscriber(server.Api, setup.Target).Webhook("ORDER_CONFIRMED", "http://127.0.0.1:9/hook"));
            ids.Add(await new TargetControl(server.Api, setup.Target).Snapshot());
            ids.Add((await setup.Create()).Id);
            return ids;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_same_requests_on_fresh_stores_get_the_same_ids_with_the_same_seed_and_others_with_another_or_none()
    {
        var first = await IdsOfOneRun(seed: 42);
        Assert.Equal(first, await IdsOfOneRun(seed: 42));
        Assert.Equal(first.Count, first.Distinct().Count());
        Assert.Matches("^[0-9]{3}-[A-Z0-9]{4}-[A-Z0-9]{6}$", first[0]); // still shaped as BwP's
        var other = await IdsOfOneRun(seed: 43);
        var unseeded = await IdsOfOneRun(seed: null);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.NotEqual(first[i], other[i]);
            Assert.NotEqual(first[i], unseeded[i]);
        }
    }

    [SqlitePassFact]
    public async Task An_ephemeral_store_serves_requests_and_is_deleted_when_the_server_is_stopped_with_sigterm()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ServerProcess.Dll, "serve", "--ephemeral", "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            string? directory = null, url = null, clientId = null, secret = null, target = null;
            while (target is null && await process.StandardOutput.ReadLineAsync() is { } line)
            {
                directory ??= Regex.Match(line, "^Ephemeral store: (\\S+) ") is { Success: true } d ? d.Groups[1].Value : null;
                // serve's own line, written before the credential: the host's JSON "Now listening" log line is queued
                // by the console logger and may come after it.
                url ??= Regex.Match(line, "^bwp-orders listening on (http://[0-9.:]+)") is { Success: true } u ? u.Groups[1].Value : null;
                clientId ??= Field(line, "client id");
                secret ??= Field(line, "client secret");
                target ??= Field(line, "target id");
            }
            Assert.True(directory is not null && url is not null && secret is not null, "serve --ephemeral printed no store, address or credential");
            _ = process.StandardOutput.ReadToEndAsync(); // keep draining

            using var http = new HttpClient { BaseAddress = new Uri(url!) };
            var tokens = new TokenSource(http, null!);
            var token = await tokens.ExchangeAsync(clientId!, secret!);
            var order = await new OrderSetup(new ApiClient(http, _ => Task.FromResult(token)), target!).Create();
            Assert.NotEmpty(order.Id);
            Assert.True(File.Exists(Path.Combine(directory!, "bwp-orders.db")));

            Assert.Equal(0, ServerProcess.Kill(process.Id, 15));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
            Assert.False(Directory.Exists(directory), $"{directory} is still there; stderr: {await stderr}");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static string? Field(string line, string name) =>
        Regex.Match(line, $"^\\s+{name}:\\s+(\\S+)$") is { Success: true } m ? m.Groups[1].Value : null;

    [SqlitePassFact]
    public async Task Ephemeral_with_an_explicit_storage_is_refused()
    {
        var (exitCode, output) = await ServerProcess.RunCliAsync("serve", "--ephemeral", "--storage", "sqlite:/tmp/never-" + Guid.NewGuid() + ".db");
        Assert.Equal(2, exitCode);
        Assert.Contains("--ephemeral makes its own store: not with --storage.", output);
    }

    [SqlitePassFact]
    public async Task Targets_create_prints_a_fresh_all_scopes_credential_and_targets_reset_empties_the_target()
    {
        await using var storage = TestStorage.CreateSqlite();
        var (created, json) = await ServerProcess.RunCliAsync("targets", "create", "--storage", storage.Spec);
        Assert.Equal(0, created);
        var credential = JsonNode.Parse(json)!;
        var target = (string)credential["targetId"]!;
        Assert.StartsWith("bp-test-", target);
        Assert.Equal(Domain.Access.Scopes.All, credential["scopes"]!.AsArray().Select(s => (string)s!));

        Assert.Equal(0, (await ServerProcess.RunCliAsync("clock", "advance", "--target-id", target, "--seconds", "600", "--storage", storage.Spec)).ExitCode);
        Assert.Contains("offset 600 s", (await ServerProcess.RunCliAsync("clock", "show", "--target-id", target, "--storage", storage.Spec)).Output);
        var (reset, said) = await ServerProcess.RunCliAsync("targets", "reset", "--target-id", target, "--storage", storage.Spec);
        Assert.Equal((0, "reset"), (reset, said.Trim()));
        Assert.Matches("offset -?0 s", (await ServerProcess.RunCliAsync("clock", "show", "--target-id", target, "--storage", storage.Spec)).Output);
    }
}
