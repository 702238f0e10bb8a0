using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>The command line: the sandbox credential on first start, credentials create, list and revoke, db, and schema print.</summary>
public sealed class CliTests : FreshStorageTest
{
    [Fact]
    public async Task Catalog_import_loads_a_catalog_file_and_refuses_a_bad_one_whole()
    {
        var sample = Path.Combine(RepositoryRoot.Path, "samples", "catalog.json");
        var (exit, output) = await ServerProcess.RunCliAsync("catalog", "import", sample, "--target-id", "bp-cli", "--storage", Storage);

        Assert.True(exit == 0, output);
        Assert.Contains("5 product(s) imported into bp-cli", output);
        Assert.Matches(@"(?m)^[a-z0-9]{14}\tprime_item_a\tBUYABLE\t100$", output);
        Assert.Matches(@"(?m)\tmerchant_only_item\tNOT_BUYABLE\t", output);
        var (_, again) = await ServerProcess.RunCliAsync("catalog", "import", sample, "--target-id", "bp-cli", "--storage", Storage);
        Assert.Equal(Regex.Match(output, @"(?m)^(\w+)\tprime_item_a").Groups[1].Value, Regex.Match(again, @"(?m)^(\w+)\tprime_item_a").Groups[1].Value);

        var bad = Path.Combine(Path.GetTempPath(), $"bad-catalog-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(bad, """{"products":[{"sku":"x","buyability":"MAYBE"}]}""");
        var (badExit, refused) = await ServerProcess.RunCliAsync("catalog", "import", bad, "--target-id", "bp-cli", "--storage", Storage);
        File.Delete(bad);
        Assert.Equal(1, badExit);
        Assert.Contains("catalog import: products[0].buyability", refused);
    }

    [Fact]
    public async Task Orders_and_returns_list_mirror_the_control_listings_on_a_store()
    {
        const string target = "bp-cli-listing";
        string started, plain, returnId;
        await using (var server = await ServerProcess.StartAsync(Storage))
        {
            var setup = new OrderSetup(server.Api, target);
            var order = await setup.Create(executionState: "STARTED", aliases: OrderSetup.Aliases(("ERP", "erp-1")));
            returnId = await setup.AddReturn(order.Id, order.LineItemId);
            await new BwpSide(server.Api, target).Advance(1); // newest first: distinct creation times, not a tie the random ids decide
            (started, plain) = (order.Id, (await setup.Create()).Id);
        }

        var (exit, output) = await ServerProcess.RunCliAsync("orders", "list", "--target-id", target, "--state", "STARTED", "--storage", Storage);
        Assert.Equal(0, exit);
        Assert.Equal([started, "STARTED", "PENDING"], output.Trim().Split('\t')[..3]);
        Assert.EndsWith("ERP:erp-1", output.Trim());
        var (_, paged) = await ServerProcess.RunCliAsync("orders", "list", "--target-id", target, "--first", "1", "--json", "--storage", Storage);
        var page = JsonNode.Parse(paged)!;
        var (_, rest) = await ServerProcess.RunCliAsync("orders", "list", "--target-id", target, "--after", (string)page["next"]!, "--storage", Storage);
        Assert.Equal([plain, started], [(string)page["orders"]![0]!["orderId"]!, rest.Trim().Split('\t')[0]]);
        var (_, returns) = await ServerProcess.RunCliAsync("returns", "list", "--target-id", target, "--started-through-bwp", "false", "--storage", Storage);
        Assert.Equal([returnId, started, "CREATED", "merchant"], returns.Trim().Split('\t')[..4]);

        var (refusedExit, refused) = await ServerProcess.RunCliAsync("orders", "list", "--target-id", target, "--package-state", "LOST", "--storage", Storage);
        Assert.Equal((2, true), (refusedExit, refused.Contains("packageState must be one of PENDING, IN_TRANSIT, DELIVERED, CANCELLED")));
    }

    [Fact]
    public async Task Serve_on_an_empty_store_prints_a_working_sandbox_credential_once()
    {
        await using (var server = await ServerProcess.StartAsync(Storage))
        {
            var output = string.Join("\n", await server.WaitForOutputAsync(line => line.Contains("-d client_id="), "no curl example of the sandbox credential"));
            Assert.Contains("Created a sandbox credential", output);
            var clientId = Regex.Match(output, @"client id:\s+(\S+)").Groups[1].Value;
            var secret = Regex.Match(output, @"client secret:\s+(\S+)").Groups[1].Value;
            var target = Regex.Match(output, @"target id:\s+(\S+)").Groups[1].Value;
            Assert.Contains($"-d client_id={clientId}", output); // the printed curl example uses it

            var token = await server.Tokens.ExchangeAsync(clientId, secret);
            var created = await new OrderSetup(server.Api, target).Create(); // needs Edit Order Data
            (await server.Api.Send(target, null, $$"""{ order(orderIdentifier: { orderId: "{{created.Id}}" }) { id } }""", bearer: token)).AssertSuccess();
        }

        await using var again = await ServerProcess.StartAsync(Storage);
        await again.TerminateAsync(TimeSpan.FromSeconds(30)); // every line it printed has been read once it has exited
        Assert.DoesNotContain("Created a sandbox credential", string.Join("\n", again.Output));
    }

    [Fact]
    public async Task Serve_says_its_version_store_and_mode_before_the_host_is_up_then_where_it_listens()
    {
        await using var server = await ServerProcess.StartAsync(Storage);
        var lines = await server.WaitForOutputAsync("Created a sandbox credential");

        // The first lines, before any log line: the version as --version prints it, the store, the mode.
        var (_, version) = await ServerProcess.RunCliAsync("--version");
        Assert.Equal($"bwp-orders {Regex.Replace(version.Trim(), @"\+(\w{7})\w*$", "+$1")} starting", lines[0]);
        Assert.Equal($"  store: {BwpOrders.Storage.StorageSpec.Describe(Storage)}", lines[1]);
        Assert.Equal("  mode:  sandbox, simulated fulfilment off", lines[2]);
        var listening = lines.IndexOf($"bwp-orders listening on http://127.0.0.1:{server.BaseAddress.Port}");
        Assert.True(listening > 2 && listening < lines.FindIndex(l => l.StartsWith("Created a sandbox credential")), string.Join("\n", lines));
    }

    [Fact]
    public void The_store_is_described_by_where_its_data_lives_never_by_its_password()
    {
        Assert.Equal($"sqlite {Path.GetFullPath("data/bwp-orders.db")}", BwpOrders.Storage.StorageSpec.Describe("sqlite:./data/bwp-orders.db"));
        var postgres = BwpOrders.Storage.StorageSpec.Describe("postgres:Host=db.internal;Port=5433;Database=orders;Username=bwp;Password=Quokka-7731");
        Assert.Equal("postgres db.internal:5433/orders as bwp", postgres);
        Assert.Equal("postgres:Host=db;Bogus=1;Password=***", BwpOrders.Storage.StorageSpec.Describe("postgres:Host=db;Bogus=1;Password=Quokka-7731"));
    }

    [Fact]
    public async Task Credentials_create_list_and_revoke()
    {
        var (exit, output) = await ServerProcess.RunCliAsync("credentials", "create", "--target-id", "bp-cli", "--scopes", "View Order Data", "--json", "--storage", Storage);
        Assert.Equal(0, exit);
        var created = JsonNode.Parse(output.Trim())!.AsObject(); // --json prints the JSON and nothing else
        Assert.Equal(["clientId", "clientSecret", "targetId", "scopes"], created.Select(p => p.Key));
        Assert.Equal("bp-cli", (string?)created["targetId"]);
        Assert.Equal(["View Order Data"], created["scopes"]!.AsArray().Select(s => (string)s!));
        var clientId = (string)created["clientId"]!;
        var secret = (string)created["clientSecret"]!;
        Assert.True(Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=").Length >= 32, "secrets carry at least 256 bits");

        var (_, listed) = await ServerProcess.RunCliAsync("credentials", "list", "--storage", Storage);
        Assert.Contains(clientId, listed);
        Assert.DoesNotContain(secret, listed);
        var stored = await BwpOrders.Storage.StorageSpec.Open(Storage).Credentials.FindAsync(clientId);
        Assert.StartsWith("sha256$", stored!.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash);

        await using var server = await ServerProcess.StartAsync(Storage);
        var token = await server.Tokens.ExchangeAsync(clientId, secret);
        Assert.Equal(0, (await ServerProcess.RunCliAsync("credentials", "revoke", clientId, "--storage", Storage)).ExitCode);
        Assert.Contains("revoked", (await ServerProcess.RunCliAsync("credentials", "list", "--storage", Storage)).Output);
        Assert.Equal(1, (await ServerProcess.RunCliAsync("credentials", "revoke", clientId, "--storage", Storage)).ExitCode);
        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Tokens.ExchangeAsync(clientId, secret));
        await Task.Delay(BwpOrders.Server.Auth.AccessGuard.RevocationCheckInterval + TimeSpan.FromMilliseconds(500));
        var refused = await server.Api.Send("bp-cli", null, "{ __typename }", bearer: token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
    }

    [Fact]
    public async Task Db_status_reports_pending_migrations_and_db_migrate_applies_them_once()
    {
        var (pendingExit, pending) = await ServerProcess.RunCliAsync("db", "status", "--storage", Storage);
        Assert.Equal(3, pendingExit);
        Assert.Contains("schema version 0 of", pending);

        Assert.Contains("migrated from version 0 to", (await ServerProcess.RunCliAsync("db", "migrate", "--storage", Storage)).Output);
        Assert.Contains("schema is current", (await ServerProcess.RunCliAsync("db", "migrate", "--storage", Storage)).Output);
        var (currentExit, current) = await ServerProcess.RunCliAsync("db", "status", "--storage", Storage);
        Assert.Equal(0, currentExit);
        Assert.Contains("(current)", current);
    }

    [Fact]
    public async Task Unknown_scopes_are_refused()
    {
        var (exit, output) = await ServerProcess.RunCliAsync("credentials", "create", "--target-id", "bp-cli", "--scopes", "Delete Everything", "--storage", Storage);

        Assert.Equal(2, exit);
        Assert.StartsWith("Unknown scope 'Delete Everything'", output.Trim());
        Assert.DoesNotContain(" at ", output); // a message, not a stack trace
    }

    [Fact]
    public async Task Schema_print_writes_the_sdl_the_server_serves_in_its_environment()
    {
        var (exit, sdl) = await ServerProcess.RunCliAsync("schema", "print", "--version", "2024-01-01");
        Assert.Equal(0, exit);
        await using (var server = await ServerProcess.StartAsync(Storage))
            Assert.Equal(await server.Api.Http.GetStringAsync("/schema/2024-01-01.graphql"), sdl);

        var (_, latest) = await ServerProcess.RunCliAsync("schema", "print"); // the latest version by default
        var (_, production) = await ServerProcess.RunCliAsync("schema", "print", "--environment", "production");
        Assert.Contains("updateOrderPackageInformation(", latest); // 2024-11-01's sandbox mutation
        Assert.DoesNotContain("updateOrderPackageInformation", production);
        Assert.Contains("createOrder(", production);

        var (unknownExit, unknown) = await ServerProcess.RunCliAsync("schema", "print", "--version", "2023-07-01");
        Assert.NotEqual(0, unknownExit);
        Assert.Contains("2024-11-01", unknown); // says which versions there are
    }
    [Fact]
    public async Task Healthcheck_exits_0_while_a_server_answers_and_1_once_nothing_does()
    {
        Uri url;
        await using (var server = await ServerProcess.StartAsync(Storage))
        {
            url = new Uri(server.BaseAddress, "/healthz");
            var (exit, output) = await ServerProcess.RunCliAsync("healthcheck", "--url", url.ToString());
            Assert.True(exit == 0, output);
            Assert.StartsWith($"{url}: 200", output.Trim());

            // Without --url: loopback at the port serve listens on by default (ASPNETCORE_URLS, else BWP_HTTP_PORT).
            var (fromEnvironment, _) = await ServerProcess.RunCliAsync(new Dictionary<string, string> { ["ASPNETCORE_URLS"] = $"http://0.0.0.0:{server.BaseAddress.Port}" }, "healthcheck");
            Assert.Equal(0, fromEnvironment);
            var (fromPort, _) = await ServerProcess.RunCliAsync(new Dictionary<string, string> { ["BWP_HTTP_PORT"] = $"{server.BaseAddress.Port}" }, "healthcheck");
            Assert.Equal(0, fromPort); // what the container image sets
        }

        var (stopped, said) = await ServerProcess.RunCliAsync("healthcheck", "--url", url.ToString(), "--timeout", "2");
        Assert.Equal(1, stopped);
        Assert.Contains("no answer", said);
    }
}
