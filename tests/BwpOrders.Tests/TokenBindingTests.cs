using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using BwpOrders.Domain.Access;
using BwpOrders.Server.Auth;
using BwpOrders.Storage;
using BwpOrders.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BwpOrders.Tests;

/// <summary>
/// A token is only as good as its credential (security review F6): signed with the store's own key but claiming
/// another target, more scopes or a longer life, it is refused; the signing key is sealed by Secrets:Key.
/// </summary>
public sealed class TokenBindingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly string _target = "bp-" + Guid.NewGuid();

    [Fact]
    public async Task A_token_signed_with_the_real_key_is_refused_when_it_claims_more_than_its_credential_has()
    {
        var viewOnly = await server.Credentials.CreateAsync(_target, [Scopes.ViewOrderData]);
        var other = "bp-other-" + Guid.NewGuid();
        var otherOrder = await new OrderSetup(server.Api, other).Create();
        var key = await StorageSpec.Open(server.Storage).Credentials.GetOrCreateSigningKeyAsync(null);
        var now = DateTime.UtcNow;
        string Forge(string target, string[] scopes, DateTime? notBefore, DateTime expires) =>
            Sign(key, viewOnly.Credential.ClientId, target, scopes, notBefore, expires);
        const string read = """query($id: ID) { order(orderIdentifier: { orderId: $id }) { id } }""";

        // What the credential has, forged the way it is issued: accepted, so the refusals below are about the claims.
        var faithful = Forge(_target, [Scopes.ViewOrderData], now, now.AddMinutes(15));
        (await server.Api.Send(_target, null, "{ __typename }", bearer: faithful)).AssertSuccess();

        foreach (var (target, forged) in new[]
        {
            (other, Forge(other, [Scopes.ViewOrderData], now, now.AddMinutes(15))),                                // another target
            (_target, Forge(_target, [Scopes.ViewOrderData, Scopes.EditOrderData], now, now.AddMinutes(15))),     // more scopes
            (_target, Forge(_target, [Scopes.ViewOrderData], now, now.AddYears(10))),                              // a longer life
            (_target, Forge(_target, [Scopes.ViewOrderData], null, now.AddMinutes(10))),                           // no start
        })
        {
            var refused = await server.Api.Send(target, null, read, new() { ["id"] = otherOrder.Id }, bearer: forged);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            refused.AssertError("AccessDeniedError", "InvalidToken");
        }
    }

    private static string Sign(byte[] key, string clientId, string target, string[] scopes, DateTime? notBefore, DateTime expires)
    {
        var claims = new List<Claim> { new(TokenIssuer.ClientIdClaim, clientId), new(TokenIssuer.TargetClaim, target) };
        claims.AddRange(scopes.Select(s => new Claim(TokenIssuer.ScopeClaim, s)));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenIssuer.Issuer,
            Audience = TokenIssuer.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(SigningKey.From(key).Key, SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>Secrets:Key seals the token signing key, a store made without it is sealed in place, and a store needs its key.</summary>
public sealed class SigningKeySealingTests : FreshStorageTest
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public async Task The_signing_key_is_sealed_once_a_secrets_key_is_set_and_tokens_issued_before_still_work()
    {
        string token;
        byte[] plain;
        await using (var before = await ServerProcess.StartAsync(Storage))
        {
            token = await before.Tokens.ForTarget("bp-seal");
            plain = await RawSigningKey();
        }
        await using (var sealedServer = await ServerProcess.StartAsync(Storage, new Dictionary<string, string> { ["Secrets__Key"] = KeyA }))
        {
            (await sealedServer.Api.Send("bp-seal", null, "{ __typename }", bearer: token)).AssertSuccess(); // the same key, now sealed
            var stored = await RawSigningKey();
            Assert.NotEqual(plain, stored);
            Assert.DoesNotContain(Convert.ToHexString(plain), Convert.ToHexString(stored));
        }

        var serve = new[] { "serve", "--urls", "http://127.0.0.1:0", "--storage", Storage };
        var (missing, saidMissing) = await ServerProcess.RunCliAsync(new Dictionary<string, string>(), serve);
        Assert.Equal(2, missing);
        Assert.Contains("sealed with a secrets key: set Secrets:Key", saidMissing);
        var (wrong, saidWrong) = await ServerProcess.RunCliAsync(new Dictionary<string, string> { ["Secrets__Key"] = KeyB }, serve);
        Assert.Equal(2, wrong);
        Assert.Contains("is not the key the store's token signing key was sealed with", saidWrong);
        Assert.DoesNotMatch(@"\bat [\w.`<>]+\(", saidWrong); // said, not a stack trace
    }

    private async Task<byte[]> RawSigningKey()
    {
        var db = StorageSpec.Open(Storage).Database;
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM signing_keys WHERE id = 1";
        return (byte[])(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>Production never creates or prints a credential (security review F7).</summary>
public sealed class ProductionCredentialTests : FreshStorageTest
{
    [Fact]
    public async Task Production_on_an_empty_store_creates_no_credential_and_prints_no_secret_but_says_how_to_make_one()
    {
        await using (var server = await ServerProcess.StartAsync(Storage, arguments: ["--environment", "production"]))
        {
            await Task.Delay(300);
            var output = string.Join("\n", server.Output);
            Assert.Contains("credentials create --target-id", output);
            Assert.DoesNotMatch(new Regex("client secret|client_secret=|Created a sandbox credential"), output);
        }
        Assert.Empty(await StorageSpec.Open(Storage).Credentials.ListAsync());

        var (exit, said) = await ServerProcess.RunCliAsync("serve", "--environment", "production", "--sandbox", "--urls", "http://127.0.0.1:0", "--storage", Storage);
        Assert.Equal(2, exit);
        Assert.Contains("not with --environment production", said);
        Assert.Empty(await StorageSpec.Open(Storage).Credentials.ListAsync());
    }
}
