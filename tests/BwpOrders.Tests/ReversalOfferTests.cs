using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>
/// Return eligibility as BwP's Returns interface answers it: reversalOffers (2024-04-01, 2024-11-01) and
/// generateReversalOffers (2024-01-01), for the SKUs the target has sold and for Amazon listings by ASIN.
/// </summary>
public sealed class ReversalOfferTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly VerbatimRequests Docs = new("DocExamples");
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());

    [Theory]
    [InlineData(ApiClient.V2024_11_01)]
    [InlineData(ApiClient.V2024_04_01)]
    public async Task The_reference_example_answers_as_documented(string version)
    {
        await _setup.Create(items: [OrderSetup.LineItem("titan", 1, 0, sku: "titan-sku-3")]);
        var name = "2024-11-01/reversalOffers.query-reversal-offers-with-valid-items";

        var response = await server.Api.Send(_setup.Target, version, Docs.Request(name), bearer: await ReturnsToken());

        // The page leaves out the fields that are null (window of an item that cannot be returned, endDate of a
        // window counted in days); a GraphQL server answers every selected field.
        var expected = JsonNode.Parse(Docs.Response(name, new Dictionary<string, string>
        {
            ["2024-04-23T10:51:19.229612Z"] = "<timestamp>", ["0f47a5e9-dca0-440d-9c2c-48dc1e10175e"] = "<id>",
        }))!;
        var offers = expected["data"]!["reversalOffers"]!["reversalOfferCollection"]!;
        offers[0]!["summary"]!["window"] = null;
        offers[1]!["summary"]!["window"]!["endDate"] = null;
        JsonMatch.Assert(expected.ToJsonString(), response.AssertSuccess().Body);
    }

    [Fact]
    public async Task V2024_01_01_the_reference_examples_answer_as_documented()
    {
        await _setup.Create(items: [OrderSetup.LineItem("titan", 1, 0, "MERCHANT", sku: "titan-sku-2")]); // sold, but not delivered by Amazon
        var name = "2024-01-01/generateReversalOffers.query-generate-reversal-offers-with-valid-items";
        var token = await ReturnsToken();

        var valid = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01, Docs.Request(name), bearer: token);
        var invalid = await server.Api.Send(_setup.Target, ApiClient.V2024_01_01,
            Docs.Request("2024-01-01/generateReversalOffers.query-generate-reversal-offers-with-valid-and-invalid-item"), bearer: token);

        JsonMatch.Assert(Docs.Response(name, new Dictionary<string, string>
        {
            ["2024-02-07T19:20:14.701259Z"] = "<timestamp>", ["0c2ff0a6-7645-4f64-a065-4a2baa2e2714"] = "<id>",
        }), valid.AssertSuccess().Body);
        var error = invalid.AssertError("ValidationError", "ItemDoesNotExist");
        Assert.Contains("B08J4FX12", (string)error["message"]!); // nine characters: not an ASIN
    }

    [Fact]
    public async Task Offers_need_the_return_policy_and_catalog_scopes_and_see_only_the_callers_catalog()
    {
        await _setup.Create(items: [OrderSetup.LineItem("mine", 1, 0, sku: "only-mine")]);
        const string query = """{ reversalOffers(reversalOffersInput: { items: [{ id: { SKU: "only-mine" } }] }) { reversalOfferCollection { summary { resolutionTypes } } } }""";

        (await server.Api.Send(_setup.Target, null, query)).AssertError("AccessDeniedError", "MissingScope");
        var policyOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ReturnPolicy]);
        (await server.Api.Send(_setup.Target, null, query, bearer: policyOnly)).AssertError("AccessDeniedError", "MissingScope");
        var answer = await server.Api.Send(_setup.Target, null, query, bearer: await ReturnsToken());
        Assert.Equal("RETURN", (string?)answer.AssertSuccess().Data!["reversalOffers"]!["reversalOfferCollection"]![0]!["summary"]!["resolutionTypes"]![0]);

        var other = "bp-" + Guid.NewGuid();
        var otherToken = await server.Tokens.IssueAsync(other, [Scopes.ReturnPolicy, Scopes.ViewCatalogData]);
        (await server.Api.Send(other, null, query, bearer: otherToken)).AssertError("ValidationError", "ItemDoesNotExist");
    }

    private Task<string> ReturnsToken() => server.Tokens.IssueAsync(_setup.Target, [Scopes.ReturnPolicy, Scopes.ViewCatalogData]);
}
