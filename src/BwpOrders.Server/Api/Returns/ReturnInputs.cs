using BwpOrders.Domain;
using BwpOrders.Domain.Commands;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;

namespace BwpOrders.Server.Api.Returns;

/// <summary>createReturn's and updateReturn's inputs as domain commands.</summary>
public static class ReturnInputs
{
    /// <summary>createReturn: the items returned are <c>input.returnLineItems</c>.</summary>
    public static InputPaths CreatePaths { get; } = new("input", ("items", "returnLineItems"));

    /// <summary>updateReturn: the offer chosen is in <c>input.returnDeliveryGroups</c>, submitting is <c>desiredReturnExecutionState</c>.</summary>
    public static InputPaths UpdatePaths { get; } = new("input",
        ("returnDeliveryOffer", "returnDeliveryGroups[0].returnDeliveryOffer.details.id"), ("submit", "desiredReturnExecutionState"));

    /// <summary>2024-11-01 <c>createReturn</c>: each return line item returns amounts of order line items.</summary>
    public static StartReturnCommand CreateReturn(OrderLookup order, Input input) => new()
    {
        Order = order,
        Items = (input.List("returnLineItems", r => r.Object("returnFor").List("orderLineItemAmounts", OrderInputs.AmountOfLineItem) ?? []) ?? [])
            .SelectMany(amounts => amounts).Select(a => new ReturnedItemPatch(a.LineItem, a.Amount.Value, null, null)).ToList(),
        Submit = input.String("desiredReturnExecutionState") == "STARTED",
    };

    /// <summary>2024-11-01 <c>updateReturn</c>: the return named in <c>input.returnIdentifier</c> or the <c>returnIdentifier</c> argument.</summary>
    public static UpdateReturnCommand UpdateReturn(Input input, Input argument)
    {
        var inside = input.Object("returnIdentifier");
        if (inside.IsNull && argument.IsNull)
            throw BwpException.Validation(ErrorCodes.InvalidInput, "input.returnIdentifier: identify the return to update, as input: {returnIdentifier: {id: \"...\"}} (or the returnIdentifier argument).");
        if (!inside.IsNull && !argument.IsNull && inside.String("id") != argument.String("id"))
            throw BwpException.Validation(ErrorCodes.InvalidInput,
                $"returnIdentifier: the argument names return '{argument.String("id")}' and input.returnIdentifier '{inside.String("id")}'; name the return once, or the same in both.");
        return new UpdateReturnCommand
        {
            ReturnId = (inside.IsNull ? argument : inside).String("id")
                ?? throw BwpException.Validation(ErrorCodes.InvalidInput, $"{(inside.IsNull ? "returnIdentifier" : "input.returnIdentifier")}: identify the return by its id ({{id: \"...\"}})."),
            Aliases = input.List("aliases", OrderInputs.Alias),
            ReturnDeliveryOfferIds = input.List("returnDeliveryGroups", g => g.Object("returnDeliveryOffer").Object("details").String("id") ?? ""),
            Submit = input.String("desiredReturnExecutionState") == "STARTED",
        };
    }
}
