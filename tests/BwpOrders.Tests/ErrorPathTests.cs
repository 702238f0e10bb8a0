using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// The domain says where a refused value is in its own names; each version's error names the field of the input the
/// merchant sent, in that version's vocabulary (packageInformation.details, deliveryInformation.details,
/// deliveryInformationDetailsAliases, purchasedItem), and changes nothing.
/// </summary>
public sealed class ErrorPathTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "paths-" + Guid.NewGuid());

    // One more than a package may have.
    private static readonly string SixAliases = "[" + string.Join(", ", Enumerable.Range(1, 6).Select(i => $$"""{ aliasType: "A", aliasId: "{{i}}" }""")) + "]";

    public static TheoryData<string, string, string> PackageAliasUpdates() => new()
    {
        { ApiClient.V2024_11_01, """updateOrder(orderIdentifier: { orderId: "<order>" }, input: { packageInformation: { details: [{ id: "<package>", aliases: <aliases> }] } })""",
            "input.packageInformation.details[0].aliases: at most 5 aliases" },
        { ApiClient.V2024_04_01, """updateOrder(input: { orderId: "<order>", deliveryInformation: { details: [{ id: "<package>", aliases: <aliases> }] } })""",
            "input.deliveryInformation.details[0].aliases: at most 5 aliases" },
        { ApiClient.V2024_01_01, """updateOrder(input: { orderId: "<order>", deliveryInformationDetailsAliases: [{ id: "<package>", aliases: <aliases> }] })""",
            "input.deliveryInformationDetailsAliases[0].aliases: at most 5 aliases" },
    };

    [Theory]
    [MemberData(nameof(PackageAliasUpdates))]
    public async Task A_package_error_names_the_versions_package_list(string version, string mutation, string expected)
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await new BwpSide(server.Api, _setup.Target).Packages(order.Id)).Single();
        var document = "mutation { " + mutation.Replace("<order>", order.Id).Replace("<package>", package.Id).Replace("<aliases>", SixAliases) + " { order { id } } }";

        var refused = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Send(_setup.Target, version, document));
        var message = (string?)refused.AssertError("ValidationError", "AliasLimitExceeded")["message"];
        Assert.StartsWith(expected, message);
    }

    public static TheoryData<string, string, string> UnknownPackageMoves() => new()
    {
        { ApiClient.V2024_11_01, """
            updateOrderPackageInformation(orderIdentifier: { orderId: "<order>" }, input: { packageInformation: { details: [
              { id: "<package>", packageState: { packageInformationState: { state: IN_TRANSIT } } }, { id: "no-such-package", packageState: { packageInformationState: { state: IN_TRANSIT } } }] } })
            """,
            "input.packageInformation.details[1].id: order" },
        { ApiClient.V2024_01_01, """
            updateOrderDeliveryInformation(input: { orderId: "<order>", details: [
              { id: "<package>", deliveryInformationState: { state: IN_TRANSIT } }, { id: "no-such-package", deliveryInformationState: { state: IN_TRANSIT } }] })
            """,
            "input.details[1].id: order" },
    };

    [Theory]
    [MemberData(nameof(UnknownPackageMoves))]
    public async Task A_sandbox_move_error_names_the_entry_in_the_versions_input(string version, string mutation, string expected)
    {
        var order = await _setup.Create(executionState: "STARTED");
        var package = (await new BwpSide(server.Api, _setup.Target).Packages(order.Id)).Single();
        var document = "mutation { " + mutation.Replace("<order>", order.Id).Replace("<package>", package.Id) + " { order { id } } }";

        var refused = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Send(_setup.Target, version, document));
        var message = (string?)refused.AssertError("ValidationError", "PackageInformationDetailIdNotFound")["message"];
        Assert.StartsWith(expected, message);
    }

    [Theory]
    [InlineData(ApiClient.V2024_11_01, """product: { price: { amount: 10, currencyCode: "USD" }, identifier: { sku: "s" } }, amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: AMAZON } }""", "input.lineItems[0].product: ")]
    [InlineData(ApiClient.V2024_01_01, """purchasedItem: { price: { currentPrice: { amount: 10, currencyCode: "USD" } }, itemId: { SKU: "s" } }, amount: { value: 1 }, selectedDeliveryOffer: { details: { deliveryProvider: BUY_WITH_PRIME } }""", "input.lineItems[0].purchasedItem: ")]
    public async Task A_line_item_error_names_the_versions_product_field(string version, string lineItem, string expected)
    {
        var document = $$"""
            mutation { createOrder(input: { customer: { contact: { emailData: { name: "J", email: "j@example.com" } } },
              lineItems: [{ {{lineItem}} }] }) { order { id } } }
            """;

        var refused = await server.Api.Send(_setup.Target, version, document);
        var message = (string?)refused.AssertError("ValidationError", "InvalidInput")["message"];
        Assert.StartsWith(expected, message);
        Assert.Contains("title", message);
    }
}
