using System.Text.Json.Nodes;

namespace BwpOrders.Packaging.Tests;

/// <summary>
/// The single-file binary and the installed .NET tool each start on a fresh store, print a sandbox credential, serve
/// a merchant's flow (token, createOrder, order by alias, the sandbox moving a package) and stop with exit code 0 on
/// SIGTERM; each says bwp-orders in its help; the binary needs nothing beside it; <c>dotnet dnx</c> runs the package.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class PackagedFlowTests(Packages packages)
{
    [Fact]
    public Task The_single_file_binary_serves_a_full_flow_and_stops_cleanly() => ServesAFullFlow(packages.Binary);

    [Fact]
    public Task The_installed_tool_serves_a_full_flow_and_stops_cleanly() => ServesAFullFlow(packages.Tool);

    [Fact]
    public void The_binary_is_one_file_with_nothing_it_needs_beside_it() =>
        Assert.Equal(["bwp-orders"], Directory.GetFileSystemEntries(packages.BinaryFolder).Select(Path.GetFileName));

    [Fact]
    public async Task The_binary_and_the_tool_call_themselves_bwp_orders_and_carry_the_package_version()
    {
        foreach (var command in new[] { packages.Binary, packages.Tool })
        {
            var help = await packages.RunAsync(ownNuGetCache: false, command, "--help");
            Assert.Contains("Usage:\n  bwp-orders [command] [options]", help);
            Assert.StartsWith(packages.Version + "+", (await packages.RunAsync(ownNuGetCache: false, command, "--version")).Trim());
        }
    }

    [Fact]
    public void Pack_writes_the_tool_and_both_test_packages_at_one_version() =>
        Assert.Equal([$"BwpOrders.{packages.Version}.nupkg", $"BwpOrders.Testcontainers.{packages.Version}.nupkg", $"BwpOrders.Testing.{packages.Version}.nupkg"],
            Directory.GetFiles(packages.PackageFolder, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Fact]
    public async Task Dotnet_dnx_runs_the_package_without_installing_it()
    {
        var version = await packages.RunAsync(ownNuGetCache: true, "dotnet", "dnx", $"{Packages.PackageId}@{packages.Version}", "--add-source", packages.PackageFolder, "--yes", "--", "--version");
        Assert.StartsWith(packages.Version + "+", version.Trim().Split('\n').Last());
    }

    private static async Task ServesAFullFlow(string command)
    {
        await using var server = PackagedServer.Start(command);
        var (clientId, secret, target) = await server.SandboxCredentialAsync();
        Assert.Contains("bwp-orders listening on " + server.Http.BaseAddress!.GetLeftPart(UriPartial.Authority), server.Output);
        var token = await server.Api.TokenAsync(clientId, secret);
        await server.Api.AssertExplorerServedAsync();

        var created = await server.Api.GraphQLAsync(token, target, """
            mutation { createOrder(input: { desiredExecutionState: STARTED, aliases: [{ aliasType: "EXTERNAL_ID", aliasId: "order-1" }],
              lineItems: [{ product: { title: "Mug", price: { amount: 12.5, currencyCode: "USD" }, identifier: { sku: "MUG-1" } },
                amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } } }] }) { order { id } } }
            """);
        var orderId = (string)created["createOrder"]!["order"]!["id"]!;

        var read = await server.Api.GraphQLAsync(token, target, """
            { order(orderIdentifier: { alias: { aliasType: "EXTERNAL_ID", aliasId: "order-1" } }) { id packageInformation { details { id state } } } }
            """);
        Assert.Equal(orderId, (string)read["order"]!["id"]!);
        var package = read["order"]!["packageInformation"]!["details"]!.AsArray().Single()!;
        Assert.Equal("PENDING", (string)package["state"]!);

        var moved = await server.Api.GraphQLAsync(token, target, $$"""
            mutation { updateOrderPackageInformation(orderIdentifier: { orderId: "{{orderId}}" }, input: { packageInformation: { details: [{ id: "{{package["id"]}}",
              packageState: { packageInformationState: { state: IN_TRANSIT } } }] } }) { order { packageInformation { details { state } } } } }
            """);
        Assert.Equal("IN_TRANSIT", (string)moved["updateOrderPackageInformation"]!["order"]!["packageInformation"]!["details"]![0]!["state"]!);

        Assert.Equal(0, await server.TerminateAsync());
    }
}
