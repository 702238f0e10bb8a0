using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// Orders as a merchant following BwP's docs has them: created by the version's own documented createOrder
/// example, sent as printed, and nothing else. The seeds are then sent to these fresh orders.
/// </summary>
public sealed class DocumentedOrders(ServerFixture server, string target)
{
    private readonly ApiClient api = server.Api;

    private static readonly VerbatimRequests Docs = new("DocExamples");

    /// <summary>
    /// 2024-11-01 "Create Order With Non Prime Items Without Shopper Identity": one Amazon-delivered line item
    /// (product id example-product-id, 28 USD) and the aliases EXTERNAL_DISPLAY_ID <c>external-order-display-id</c> and
    /// EXTERNAL_ID <c>external-order-id</c>. For a seed that names two line items, <paramref name="lineItems"/> 2 lists the example's line item twice, the second
    /// as product example-product-id-2: the least change to the example that gives an order two lines.
    /// </summary>
    public async Task<CreatedOrder> Create_2024_11_01(int lineItems = 1)
    {
        var request = Docs.Request("2024-11-01/createOrder.create-order-with-non-prime-items-without-shopper-identity");
        if (lineItems == 2) request = WithLineItemTwice(request);
        var response = (await api.Send(target, ApiClient.V2024_11_01, request)).AssertSuccess();
        return await Read((string)response.Data!["createOrder"]!["order"]!["id"]!);
    }

    /// <summary>
    /// 2024-01-01 "Complete Create Order Mutation": the page is cut off inside its second line item, so this sends
    /// what it shows up to there (the first line item, a Prime offer for item ID e2a20tn5wnzf95 at 10 USD, with its
    /// aliases, taxes and client details), then the one field 2024-01-01 requires that the cut hides: the customer,
    /// as every other createOrder example and the 2024-01-01 seed give it. It selects the order id. Its Prime offer
    /// names a delivery preview, which BwP issues: the catalog gets the example's item and the ids of a real preview of
    /// it take the example's (the server's ids, as everywhere else).
    /// </summary>
    public async Task<CreatedOrder> Create_2024_01_01()
    {
        var checkout = new CheckoutSetup(server, target);
        await checkout.Import(new JsonObject
        {
            ["products"] = new JsonArray(new JsonObject { ["id"] = "e2a20tn5wnzf95", ["sku"] = "e2a20tn5wnzf95-sku", ["amazonSku"] = "e2a20tn5wnzf95", ["offerPrime"] = true }),
        });
        var preview = (await checkout.Send(ApiClient.V2024_01_01,
            """{ deliveryPreview(input: { items: [{ itemIdentifier: { ID: "e2a20tn5wnzf95" }, amount: { value: 1 } }] }) { id deliveryGroups { deliveryOffers { id } } } }"""))
            .AssertSuccess().Data!["deliveryPreview"]!;
        var partial = Docs.PartialRequest("2024-01-01/createOrder.complete-create-order-mutation", new Dictionary<string, string>
        {
            ["SIP-8676502-0261200"] = (string)preview["id"]!, ["5060887210"] = (string)preview["deliveryGroups"]![0]!["deliveryOffers"]![0]!["id"]!,
        });
        var firstItemEnd = partial.IndexOf("},\n                {", StringComparison.Ordinal);
        if (firstItemEnd < 0) throw new InvalidOperationException("the stored 2024-01-01 createOrder example changed: no second line item found");
        var request = partial[..(firstItemEnd + 1)] + """

                        ]
                        customer: { contact: { emailData: { name: "John Smith", email: "[email protected]" } } }
                    }
                ) {
                    order { id }
                }
            }
            """;
        var response = (await api.Send(target, ApiClient.V2024_01_01, request)).AssertSuccess();
        return await Read((string)response.Data!["createOrder"]!["order"]!["id"]!);
    }

    private async Task<CreatedOrder> Read(string orderId)
    {
        var order = (await api.Send(target, ApiClient.V2024_11_01,
            "query($id: OrderIdentifierInput!) { order(orderIdentifier: $id) { id lineItems { id } } }",
            new JsonObject { ["id"] = new JsonObject { ["orderId"] = orderId } })).AssertSuccess().Data!["order"]!;
        return new CreatedOrder(orderId, order["lineItems"]!.AsArray().Select(l => (string)l!["id"]!).ToList());
    }

    /// <summary>The request with the one entry of its <c>lineItems</c> list repeated (as a second product).</summary>
    private static string WithLineItemTwice(string request)
    {
        var open = request.IndexOf('{', request.IndexOf("lineItems: [", StringComparison.Ordinal));
        var depth = 0;
        for (var i = open; i < request.Length; i++)
        {
            depth += request[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth != 0) continue;
            var item = request[open..(i + 1)];
            return request[..(i + 1)] + "\n" + item.Replace("\"example-product-id\"", "\"example-product-id-2\"") + request[(i + 1)..];
        }
        throw new ArgumentException("unbalanced braces in the createOrder example");
    }
}
