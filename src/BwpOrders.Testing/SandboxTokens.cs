using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BwpOrders.Domain.Access;

namespace BwpOrders.Testing;

/// <summary>
/// Tokens from the server's real <c>POST /token</c>, reused until a minute before they expire. A token carries its
/// credential's scopes, so other scopes get a credential of their own for the same target, made once.
/// </summary>
/// <param name="http">A client on the server.</param>
/// <param name="sandbox">The credential whose tokens these are, unless other scopes are asked for.</param>
/// <param name="credentials">The in-process server's credentials (null for a server elsewhere: no tokens for fewer scopes).</param>
internal sealed class SandboxTokens(HttpClient http, BwpCredential sandbox, CredentialService? credentials)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Lazy<Task<BwpCredential>>> _credentials = new();
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAt)> _tokens = new();

    /// <param name="scopes">None: the sandbox credential's (both order scopes).</param>
    public async Task<string> GetAsync(string[] scopes)
    {
        var key = string.Join('|', scopes.Distinct().Order());
        if (_tokens.TryGetValue(key, out var cached) && DateTimeOffset.UtcNow < cached.RenewAt) return cached.Token;
        var credential = key.Length == 0 ? sandbox : await _credentials.GetOrAdd(key, _ => new(() => CreateAsync(scopes))).Value;
        using var response = await http.PostAsync("token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = credential.ClientId, ["client_secret"] = credential.ClientSecret,
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"POST /token answered {(int)response.StatusCode}: {body}");
        var token = body.GetProperty("access_token").GetString()!;
        _tokens[key] = (token, DateTimeOffset.UtcNow + TimeSpan.FromSeconds(body.GetProperty("expires_in").GetInt32()) - Margin);
        return token;
    }

    /// <summary>Sets the headers every BwP call carries: the sandbox credential's bearer token and its target.</summary>
    public async Task AuthorizeAsync(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetAsync([]));
        request.Headers.Add("x-api-target-id", sandbox.TargetId);
    }

    private async Task<BwpCredential> CreateAsync(string[] scopes)
    {
        if (credentials is null)
            throw new InvalidOperationException("Tokens for fewer scopes need a credential of their own: only a sandbox started in-process (BwpSandbox.StartAsync) can make one.");
        var issued = await credentials.CreateAsync(sandbox.TargetId, scopes.Distinct().ToList());
        return sandbox with { ClientId = issued.Credential.ClientId, ClientSecret = issued.ClientSecret, Scopes = issued.Credential.Scopes };
    }
}
