using System.Net;
using BwpOrders.Domain.Access;
using BwpOrders.Tests.Infrastructure;

namespace BwpOrders.Tests;

/// <summary>shopperBwPEligibility with BwP's sandbox mock tokens (manage-shopper-identity), in each version's input shape.</summary>
public sealed class ShopperEligibilityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly string _target = "bp-" + Guid.NewGuid();

    private async Task<GraphQLResponse> Send(string version, string query) =>
        await server.Api.Send(_target, version, query, bearer: await server.Tokens.WithAllScopes(_target));

    public static TheoryData<string, string, string> Tokens => new()
    {
        { "lwaAccessToken", SandboxTokens.LwaPrime, "PRIME" },
        { "lwaAccessToken", SandboxTokens.LwaNonPrime, "NON_PRIME" },
        { "lwaAccessToken", SandboxTokens.LwaPrime.TrimEnd('='), "PRIME" }, // base64 padding is optional
        { "apayCheckoutSessionId", SandboxTokens.ApayPrime, "PRIME" },
        { "apayCheckoutSessionId", SandboxTokens.ApayNonPrime, "NON_PRIME" },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public async Task V2024_11_01_tells_prime_members_from_other_shoppers(string field, string token, string status)
    {
        var identity = field == "lwaAccessToken" ? $$"""{ lwaAccessToken: { value: "{{token}}" } }""" : $$"""{ apayCheckoutSessionId: { value: "{{token}}", externalId: "checkout-1" } }""";
        var response = await Send(ApiClient.V2024_11_01, $$"""{ shopperBwPEligibility(identityToken: {{identity}}) { bwpEligibilityStatus shopperId } }""");

        var eligibility = response.AssertSuccess().Data!["shopperBwPEligibility"]!;
        Assert.Equal(status, (string?)eligibility["bwpEligibilityStatus"]);
        Assert.Matches("^amzn\\.[0-9a-f]{5}-[0-9a-f]{10}-[0-9a-f]{5}-a-[0-9a-f]{15}$", (string?)eligibility["shopperId"]);
    }

    [Fact]
    public async Task The_same_shopper_has_the_same_id_whichever_token_form_names_them()
    {
        async Task<string> IdOf(string version, string identity) => (string)(await Send(version,
            $$"""{ shopperBwPEligibility(identityToken: {{identity}}) { shopperId } }""")).AssertSuccess().Data!["shopperBwPEligibility"]!["shopperId"]!;

        var lwa = await IdOf(ApiClient.V2024_11_01, $$"""{ lwaAccessToken: { value: "{{SandboxTokens.LwaPrime}}" } }""");
        Assert.Equal(lwa, await IdOf(ApiClient.V2024_11_01, $$"""{ apayCheckoutSessionId: { value: "{{SandboxTokens.ApayPrime}}", externalId: "x" } }"""));
        Assert.Equal(lwa, await IdOf(ApiClient.V2024_04_01, $$"""{ apayCheckoutSessionId: { value: "{{SandboxTokens.ApayPrime}}", externalId: "x" } }"""));
        Assert.Equal(lwa, await IdOf(ApiClient.V2024_01_01, $$"""{ idPToken: "{{SandboxTokens.LwaPrime}}", identityProvider: LWA }"""));
        Assert.NotEqual(lwa, await IdOf(ApiClient.V2024_01_01, $$"""{ idPToken: "{{SandboxTokens.ApayNonPrime}}", identityProvider: APAY }"""));
    }

    [Theory]
    [InlineData(ApiClient.V2024_11_01, """{ lwaAccessToken: { value: "not-a-sandbox-token" } }""", "identityToken.lwaAccessToken.value")]
    [InlineData(ApiClient.V2024_11_01, """{ lwaAccessToken: { value: "eyJ0eXBlIjoiQ0hFQ0tPVVRfU0VTU0lPTl9JRCIsInZhbHVlIjoic2FuZGJveC1tb2NrZWQtdGVzdC1wcmltZS1zaG9wcGVyLWNoZWNrb3V0LXNlc3Npb24taWQifQ==" } }""", "identityToken.lwaAccessToken.value")]
    [InlineData(ApiClient.V2024_04_01, """{ apayCheckoutSessionId: { value: "apay-session-id", externalId: "x" } }""", "identityToken.apayCheckoutSessionId.value")]
    [InlineData(ApiClient.V2024_01_01, """{ idPToken: "tc2hvcHBlciyJ0eX", identityProvider: LWA }""", "identityToken.idPToken")]
    public async Task Tokens_that_are_not_sandbox_shoppers_are_invalid_idp_tokens(string version, string identity, string where)
    {
        var response = await Send(version, $$"""{ shopperBwPEligibility(identityToken: {{identity}}) { shopperId } }""");

        var error = response.AssertError("ValidationError", "InvalidIdpToken");
        Assert.StartsWith(where + ":", (string?)error["message"]);
        Assert.Null(response.Data!["shopperBwPEligibility"]);
    }

    [Theory]
    [InlineData("""{ idPToken: "x", identityProvider: LWA }""", "identityToken.idPToken")]
    [InlineData("""{ }""", "identityToken")]
    [InlineData("""{ lwaAccessToken: { value: "a" }, apayCheckoutSessionId: { value: "b", externalId: "c" } }""", "identityToken")]
    public async Task V2024_11_01_wants_exactly_one_current_token_form(string identity, string where)
    {
        var response = await Send(ApiClient.V2024_11_01, $$"""{ shopperBwPEligibility(identityToken: {{identity}}) { shopperId } }""");

        Assert.StartsWith(where + ":", (string?)response.AssertError("ValidationError", "InvalidInput")["message"]);
    }

    [Fact]
    public async Task It_needs_the_view_shopper_eligibility_scope()
    {
        var query = $$"""{ shopperBwPEligibility(identityToken: { lwaAccessToken: { value: "{{SandboxTokens.LwaPrime}}" } }) { shopperId } }""";
        var orderScopes = await server.Tokens.IssueAsync(_target, Scopes.Orders);
        var eligibility = await server.Tokens.IssueAsync(_target, [Scopes.ShopperEligibility]);

        var denied = await server.Api.Send(_target, ApiClient.V2024_11_01, query, bearer: orderScopes);
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains(Scopes.ShopperEligibility, (string?)denied.AssertError("AccessDeniedError", "MissingScope")["message"]);
        (await server.Api.Send(_target, ApiClient.V2024_11_01, query, bearer: eligibility)).AssertSuccess();
    }
}
