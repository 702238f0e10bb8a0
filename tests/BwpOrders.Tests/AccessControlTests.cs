using System.Net;
using System.Security.Claims;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Auth;
using BwpOrders.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BwpOrders.Tests;

/// <summary>Every GraphQL operation checks the token, the credential, the target and the scope.</summary>
public sealed class AccessControlTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly OrderSetup _setup = new(server.Api, "bp-" + Guid.NewGuid());
    private const string ReadQuery = """query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }""";

    public static TheoryData<string> BadTokens => new()
    {
        "",                                   // no Authorization header
        "not-a-jwt",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", // alg=none
        ForgedToken(),                        // right claims, another key
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Missing_malformed_or_foreign_tokens_are_401_access_denied(string bearer)
    {
        var order = await _setup.Create();
        var response = await server.AssertChangesNothing(_setup.Target, order.Id, () => server.Api.Send(_setup.Target, null,
            """mutation($id: ID) { updateOrder(orderIdentifier: { orderId: $id }, input: { desiredExecutionState: STARTED }) { order { id } } }""",
            new() { ["id"] = order.Id }, bearer: bearer));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        response.AssertError("AccessDeniedError", "InvalidToken");
        Assert.Null(response.Body["data"]);
    }

    [Fact]
    public async Task Token_for_another_target_is_denied_without_revealing_whether_the_order_exists()
    {
        var order = await _setup.Create();
        var other = await server.Tokens.ForTarget("bp-other-" + Guid.NewGuid());

        var existing = await server.Api.Send(_setup.Target, null, ReadQuery, new() { ["id"] = order.Id }, bearer: other);
        var missing = await server.Api.Send(_setup.Target, null, ReadQuery, new() { ["id"] = "no-such-order" }, bearer: other);

        Assert.Equal(HttpStatusCode.Forbidden, existing.Status);
        existing.AssertError("AccessDeniedError", "TargetNotAllowed");
        Assert.Equal(missing.Body.ToJsonString(), existing.Body.ToJsonString());
    }

    [Fact]
    public async Task View_scope_reads_but_cannot_write_and_edit_scope_writes_but_cannot_read()
    {
        var order = await _setup.Create();
        var viewOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.ViewOrderData]);
        var editOnly = await server.Tokens.IssueAsync(_setup.Target, [Scopes.EditOrderData]);
        const string start = """mutation($id: ID) { updateOrder(orderIdentifier: { orderId: $id }, input: { desiredExecutionState: STARTED }) { order { id } } }""";

        (await server.Api.Send(_setup.Target, null, ReadQuery, new() { ["id"] = order.Id }, bearer: viewOnly)).AssertSuccess();
        var denied = await server.AssertChangesNothing(_setup.Target, order.Id,
            () => server.Api.Send(_setup.Target, null, start, new() { ["id"] = order.Id }, bearer: viewOnly));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Contains("Edit Order Data", (string?)denied.AssertError("AccessDeniedError", "MissingScope")["message"]);

        var readDenied = await server.Api.Send(_setup.Target, null, ReadQuery, new() { ["id"] = order.Id }, bearer: editOnly);
        Assert.Contains("View Order Data", (string?)readDenied.AssertError("AccessDeniedError", "MissingScope")["message"]);
        (await server.Api.Send(_setup.Target, null, start, new() { ["id"] = order.Id }, bearer: editOnly)).AssertSuccess();
    }

    [Fact]
    public async Task Introspection_needs_a_token_but_no_order_scope()
    {
        var noOrderScopes = await server.Tokens.IssueAsync(_setup.Target, [Scopes.CatalogData]);

        (await server.Api.Send(_setup.Target, null, "{ __schema { queryType { name } } }", bearer: noOrderScopes)).AssertSuccess();
        (await server.Api.Send(_setup.Target, null, "{ __schema { queryType { name } } }", bearer: "")).AssertError("AccessDeniedError", "InvalidToken");
    }

    [Fact]
    public async Task Revoking_a_credential_stops_its_tokens_within_seconds()
    {
        var issued = await server.Credentials.CreateAsync(_setup.Target, Scopes.Orders);
        var token = await server.Tokens.ExchangeAsync(issued.Credential.ClientId, issued.ClientSecret);
        (await server.Api.Send(_setup.Target, null, "{ __typename }", bearer: token)).AssertSuccess();

        Assert.True(await server.Credentials.RevokeAsync(issued.Credential.ClientId));
        var deadline = DateTime.UtcNow + AccessGuard.RevocationCheckInterval + TimeSpan.FromSeconds(3);
        GraphQLResponse response;
        do
        {
            response = await server.Api.Send(_setup.Target, null, "{ __typename }", bearer: token);
            if (response.Status == HttpStatusCode.Unauthorized) break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        response.AssertError("AccessDeniedError", "InvalidToken");
    }

    /// <summary>A token with valid-looking claims signed with a key this server never had.</summary>
    private static string ForgedToken() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = TokenIssuer.Issuer,
        Audience = TokenIssuer.Audience,
        Subject = new ClaimsIdentity([new Claim(TokenIssuer.ClientIdClaim, "bwp-client-forged"), new Claim(TokenIssuer.TargetClaim, "bp-any"),
            new Claim(TokenIssuer.ScopeClaim, Scopes.EditOrderData)]),
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(new byte[64]), SecurityAlgorithms.HmacSha256),
    });
}

/// <summary>Token expiry, against a server whose clock the test moves.</summary>
public sealed class TokenExpiryTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new();
    private readonly ServerFixture _server;

    public TokenExpiryTests() => _server = new ServerFixture { Clock = _clock };

    [Fact]
    public async Task A_token_works_for_15_minutes_and_then_is_rejected()
    {
        const string target = "bp-expiry";
        var token = await _server.Tokens.ForTarget(target);

        _clock.Advance(TimeSpan.FromMinutes(14));
        (await _server.Api.Send(target, null, "{ __typename }", bearer: token)).AssertSuccess();

        _clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await _server.Api.Send(target, null, "{ __typename }", bearer: token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.Status);
        expired.AssertError("AccessDeniedError", "InvalidToken");
    }

    public Task InitializeAsync() => _server.InitializeAsync();
    public Task DisposeAsync() => _server.DisposeAsync();
}
