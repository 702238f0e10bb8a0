using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BwpOrders.Samples.Tests;

/// <summary>Where the shop reaches Buy with Prime and as whom: what it reads from its own configuration in production.</summary>
public sealed record BwpSettings(Uri BaseUrl, string ClientId, string ClientSecret, string TargetId);

/// <summary>
/// A merchant's code, as it would run against Buy with Prime itself: plain HTTP and GraphQL with its own base URL and
/// credential, no BwpOrders types. The tests hand it the sandbox's address and credential, and nothing else changes.
/// </summary>
public sealed class MerchantShop(HttpClient http, BwpSettings bwp)
{
    private const string ApiVersion = "2024-11-01";
    private string? _token;

    /// <summary>Places an order for an Amazon-fulfilled product and asks BwP to start fulfilling it; answers BwP's order id.</summary>
    public async Task<string> PlaceOrderAsync(string sku, string title, decimal price, int quantity)
    {
        var data = await GraphQLAsync("mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }", new
        {
            input = new
            {
                desiredExecutionState = "STARTED",
                lineItems = new[]
                {
                    new
                    {
                        product = new { title, price = new { amount = price, currencyCode = "USD" }, identifier = new { sku } },
                        amount = new { value = quantity },
                        selectedDeliveryOffer = new { details = new { deliveryProvider = "AMAZON" } },
                    },
                },
            },
        });
        return data.GetProperty("createOrder").GetProperty("order").GetProperty("id").GetString()!;
    }

    /// <summary>The state of each of the order's packages (<c>PENDING</c>, <c>IN_TRANSIT</c>, <c>DELIVERED</c>, ...).</summary>
    public async Task<IReadOnlyList<string>> PackageStatesAsync(string orderId)
    {
        var data = await GraphQLAsync("query($id: ID!) { order(orderIdentifier: { orderId: $id }) { packageInformation { details { state } } } }", new { id = orderId });
        return [.. data.GetProperty("order").GetProperty("packageInformation").GetProperty("details").EnumerateArray().Select(p => p.GetProperty("state").GetString()!)];
    }

    /// <summary>Asks BwP to send one type of event to the shop's webhook; answers the subscription id.</summary>
    public async Task<string> SubscribeAsync(string eventType, Uri webhook)
    {
        var data = await GraphQLAsync("mutation($input: CreateEventSubscriptionInput!) { createEventSubscription(input: $input) { subscriptionId } }",
            new { input = new { eventType, destination = new { webhook = new { url = webhook.ToString(), method = "POST" } } } });
        return data.GetProperty("createEventSubscription").GetProperty("subscriptionId").GetString()!;
    }

    private async Task<JsonElement> GraphQLAsync(string query, object variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bwp.BaseUrl, "graphql")) { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token ??= await TokenAsync());
        request.Headers.Add("x-api-target-id", bwp.TargetId);
        request.Headers.Add("x-api-version", ApiVersion);
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (answer.TryGetProperty("errors", out var errors)) throw new InvalidOperationException($"BwP answered {(int)response.StatusCode}: {errors}");
        return answer.GetProperty("data");
    }

    /// <summary>OAuth client credentials, the client id and secret as HTTP Basic (a 15-minute token: enough for a test).</summary>
    private async Task<string> TokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bwp.BaseUrl, "token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{bwp.ClientId}:{bwp.ClientSecret}")));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
