using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BwpOrders.Domain.Events;

namespace BwpOrders.Server.Events.Sending;

/// <summary>
/// Tokens from merchants' OAuth 2.0 token endpoints (client credentials, the client authenticated with HTTP Basic,
/// the profile's body and header parameters sent as given), each cached until shortly before it expires.
/// </summary>
public sealed class OAuthTokens(HttpClient http, TimeProvider clock)
{
    private const int MaxCached = 10_000;
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(10);
    // One fetch per profile at a time: deliveries sent together share it instead of each asking for a token.
    // Lazy: GetOrAdd may run its factory twice when called at once; only the value it keeps is ever started.
    private readonly ConcurrentDictionary<string, Lazy<Task<(string Token, DateTimeOffset Until)>>> _cache = new();

    public async Task<string> GetAsync(OAuthConfig config, CancellationToken ct)
    {
        var key = CacheKey(config);
        while (true)
        {
            if (_cache.Count >= MaxCached) _cache.Clear();
            var fetch = _cache.GetOrAdd(key, _ => new Lazy<Task<(string, DateTimeOffset)>>(() => FetchAsync(config)));
            try
            {
                var (token, until) = await fetch.Value.WaitAsync(ct);
                if (until > clock.GetUtcNow()) return token;
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                _cache.TryRemove(KeyValuePair.Create(key, fetch));
                throw;
            }
            _cache.TryRemove(KeyValuePair.Create(key, fetch)); // expired: fetch a new one
        }
    }

    /// <summary>Forgets a token the endpoint refused (401), so the next attempt fetches a fresh one.</summary>
    public void Forget(OAuthConfig config) => _cache.TryRemove(CacheKey(config), out _);

    private async Task<(string Token, DateTimeOffset Until)> FetchAsync(OAuthConfig config)
    {
        using var timeout = new CancellationTokenSource(FetchTimeout);
        using var request = new HttpRequestMessage(new HttpMethod(config.HttpMethod), config.AuthEndpoint);
        var body = config.BodyParameters.Count > 0 ? config.BodyParameters : [new("grant_type", "client_credentials")];
        request.Content = new FormUrlEncodedContent(body);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(config.ClientId)}:{Uri.EscapeDataString(config.ClientSecret)}")));
        foreach (var (name, value) in config.HeaderParameters)
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        using var response = await http.SendAsync(request, timeout.Token);
        var text = await response.Content.ReadAsStringAsync(timeout.Token);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"the auth endpoint answered {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(text);
        var token = json.RootElement.TryGetProperty("access_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()!
            : throw new HttpRequestException("the auth endpoint's answer has no access_token");
        var lifetime = json.RootElement.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromMinutes(1);
        return (token, clock.GetUtcNow() + lifetime - TimeSpan.FromSeconds(Math.Min(30, lifetime.TotalSeconds / 10)));
    }

    // A hash, so secrets are not kept as dictionary keys; an updated profile is a different key.
    private static string CacheKey(OAuthConfig c) => Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(c)));
}
