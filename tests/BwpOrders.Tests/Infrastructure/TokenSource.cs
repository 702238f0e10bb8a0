using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BwpOrders.Domain.Access;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// Gets tests a bearer token for a target the way a merchant does: a credential (created in the store the
/// server uses) exchanged at <c>POST /token</c>. One credential and token per target, cached.
/// </summary>
public sealed class TokenSource(HttpClient http, CredentialService credentials)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new();

    public Task<string> ForTarget(string target) =>
        _tokens.GetOrAdd(target, t => new Lazy<Task<string>>(() => IssueAsync(t, Scopes.Orders))).Value;

    /// <summary>A token with every scope (the checkout interfaces need their own), one per target, cached.</summary>
    public Task<string> WithAllScopes(string target) =>
        _allScopes.GetOrAdd(target, t => new Lazy<Task<string>>(() => IssueAsync(t, Scopes.All))).Value;

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _allScopes = new();

    public async Task<string> IssueAsync(string target, IReadOnlyList<string> scopes)
    {
        var issued = await credentials.CreateAsync(target, scopes);
        return await ExchangeAsync(issued.Credential.ClientId, issued.ClientSecret);
    }

    public async Task<string> ExchangeAsync(string clientId, string clientSecret)
    {
        using var response = await http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"token request failed: {(int)response.StatusCode} {body}");
        return (string)body!["access_token"]!;
    }
}
