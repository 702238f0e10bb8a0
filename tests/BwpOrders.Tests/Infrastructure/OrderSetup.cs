using System.Text.Json.Nodes;

namespace BwpOrders.Tests.Infrastructure;

public sealed record CreatedOrder(string Id, IReadOnlyList<string> LineItemIds)
{
    public string LineItemId => LineItemIds[0];
}

/// <summary>Puts orders into the state a test starts from, through the public API only.</summary>
public sealed class OrderSetup(ApiClient api, string target)
{
    public const string FullOrderSelection = """
        id aliases { aliasType aliasId } customer { id contact { id name email } }
        recipient { deliveryAddress { name streetAddress locality region countryCode postalCode } }
        lineItems { id aliases { aliasType aliasId } amount { unit value } createdAt
          product { title price { amount currencyCode } productId { value } sku { value } }
          deliveryOffer { details { id deliveryPreviewId deliveryProvider deliveryTerms { isPrimeEligible deliverySpeed } } }
          discounts { summary { amount { amount currencyCode } displayString } }
          payments { details { id amount { amount currencyCode } state paymentMethod { displayString type } } }
          taxes { summary { collectableTaxAmount { amount currencyCode } } } }
        packageInformation { summary { state } details { id aliases { aliasType aliasId } state } }
        discounts { summary { amount { amount currencyCode } displayString } }
        taxes { summary { collectableTaxAmount { amount currencyCode } } }
        payments { summary { amount { amount currencyCode } paymentMethodDisplayString state } details { id amount { amount currencyCode } state payer { id billingAddress { name postalCode } contact { name email } } } }
        totalPrice { value { amount currencyCode } }
        orderLinks { destinationType url displayMessage }
        refunds { summary { refundTotal { totalAmount { amount currencyCode } } }
          details { id aliases { aliasType aliasId } state refundRequestReason refundStatusReason createdAt updatedAt
            refundTotal { totalAmount { amount currencyCode } } refundFor { orderLineItems { lineItem { id } refundedQuantity { amount unit } } }
            paymentDetails { id amount { amount currencyCode } } } }
        returns { details { id aliases { aliasType aliasId } state createdAt updatedAt
          returnLineItems { id returnFor { orderLineItemAmounts { amount { value unit } lineItem { id } } } } } }
        metadata { createdAt updatedAt executionState }
        """;

    public ApiClient Api => api;
    public string Target => target;

    /// <summary>
    /// Creates an order through 2024-11-01 createOrder; each line item costs 10 USD and has quantity <paramref name="quantity"/>
    /// (or the order has <paramref name="items"/>, built with <see cref="LineItem"/>).
    /// </summary>
    public async Task<CreatedOrder> Create(int lineItems = 1, JsonArray? aliases = null, decimal quantity = 1, string title = "example-product-title",
        string? executionState = null, JsonArray? items = null)
    {
        if (items is null)
        {
            items = [];
            for (var i = 0; i < lineItems; i++) // BwP takes at most 20 Amazon-fulfilled line items; the rest are merchant-delivered
                items.Add(LineItem(title, quantity, i, i < 20 ? "AMAZON" : "MERCHANT"));
        }
        var input = new JsonObject
        {
            ["lineItems"] = items,
            ["customer"] = new JsonObject { ["contact"] = new JsonObject { ["emailData"] = new JsonObject { ["name"] = "John Smith", ["email"] = "john@example.com" } } },
            ["recipient"] = new JsonObject { ["deliveryAddress"] = new JsonObject { ["name"] = "John Smith", ["streetAddress"] = "399 Boren Ave N", ["locality"] = "Seattle", ["region"] = "WA", ["countryCode"] = "US", ["postalCode"] = "98109" } },
        };
        if (aliases is not null) input["aliases"] = aliases;
        if (executionState is not null) input["desiredExecutionState"] = executionState;
        var response = await api.Send(target, ApiClient.V2024_11_01,
            "mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id lineItems { id } } } }",
            new JsonObject { ["input"] = input });
        response.AssertSuccess();
        var order = response.Data!["createOrder"]!["order"]!;
        return new CreatedOrder((string)order["id"]!, order["lineItems"]!.AsArray().Select(l => (string)l!["id"]!).ToList());
    }

    public static JsonObject LineItem(string title, decimal quantity, int index, string provider = "AMAZON", string? sku = null) => new()
    {
        ["product"] = new JsonObject
        {
            ["identifier"] = new JsonObject { ["sku"] = sku ?? $"sku-{index}" },
            ["title"] = title,
            ["price"] = new JsonObject { ["amount"] = 10, ["currencyCode"] = "USD" },
        },
        ["amount"] = new JsonObject { ["value"] = quantity },
        ["selectedDeliveryOffer"] = new JsonObject { ["details"] = new JsonObject { ["deliveryProvider"] = provider } },
    };

    /// <summary>A <c>returnLineItems</c> input returning <paramref name="amount"/> of one line item.</summary>
    public static JsonArray ReturnLineItems(string lineItemId, decimal amount) => new(new JsonObject
    {
        ["returnFor"] = new JsonObject
        {
            ["orderLineItemAmounts"] = new JsonArray(new JsonObject
            {
                ["amount"] = new JsonObject { ["value"] = amount },
                ["lineItemId"] = new JsonObject { ["lineItemId"] = lineItemId },
            }),
        },
    });

    public static JsonArray Aliases(params (string Type, string Id)[] aliases) => HostileRequests.Aliases(aliases);

    /// <summary>Sends a 2024-11-01 updateOrder with the given input and returns the response.</summary>
    public Task<GraphQLResponse> Update(string orderId, JsonObject input, string selection = "id") =>
        api.Send(target, ApiClient.V2024_11_01,
            $"mutation($id: OrderIdentifierInput!, $input: UpdateOrderInput!) {{ updateOrder(orderIdentifier: $id, input: $input) {{ order {{ {selection} }} }} }}",
            new JsonObject { ["id"] = new JsonObject { ["orderId"] = orderId }, ["input"] = input });

    /// <summary>Records a refund (as BwP or an earlier sync would have) and returns its id.</summary>
    public async Task<string> AddRefund(string orderId, string lineItemId, string state = "PENDING", JsonArray? aliases = null, string? reason = null, decimal total = 10)
    {
        var refund = new JsonObject
        {
            ["aliases"] = aliases ?? Aliases(("EXTERNAL_REFUND_ID", "setup-" + Guid.NewGuid().ToString("N"))),
            ["refundTotal"] = new JsonObject { ["totalAmount"] = new JsonObject { ["amount"] = total, ["currencyCode"] = "USD" } },
            ["state"] = state,
            ["refundFor"] = new JsonObject { ["orderLineItems"] = new JsonArray(new JsonObject { ["lineItemId"] = new JsonObject { ["lineItemId"] = lineItemId } }) },
        };
        if (reason is not null) refund["refundRequestReason"] = reason;
        var response = await Update(orderId, new JsonObject { ["refunds"] = new JsonObject { ["details"] = new JsonArray(refund) } }, "refunds { details { id } }");
        response.AssertSuccess();
        return (string)response.Data!["updateOrder"]!["order"]!["refunds"]!["details"]!.AsArray().Last()!["id"]!;
    }

    /// <summary>Records an external return covering 1 of the line item and returns its id.</summary>
    public async Task<string> AddReturn(string orderId, string lineItemId, JsonArray? aliases = null, string state = "CREATED")
    {
        var details = new JsonObject { ["state"] = state, ["returnLineItems"] = ReturnLineItems(lineItemId, 1) };
        if (aliases is not null) details["aliases"] = aliases;
        var response = await Update(orderId, new JsonObject { ["returns"] = new JsonObject { ["details"] = new JsonArray(details) } }, "returns { details { id } }");
        response.AssertSuccess();
        return (string)response.Data!["updateOrder"]!["order"]!["returns"]!["details"]!.AsArray().Last()!["id"]!;
    }

    /// <summary>Reads the order back with the <c>order</c> query of the given version.</summary>
    public async Task<JsonNode> Read(string orderId, string selection = FullOrderSelection, string version = ApiClient.V2024_11_01)
    {
        var response = await api.Send(target, version,
            $"query($id: OrderIdentifierInput!) {{ order(orderIdentifier: $id) {{ {selection} }} }}",
            new JsonObject { ["id"] = new JsonObject { ["orderId"] = orderId } });
        response.AssertSuccess();
        return response.Data!["order"]!;
    }
}
