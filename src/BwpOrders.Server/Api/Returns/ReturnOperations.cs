using BwpOrders.Domain;
using BwpOrders.Server.Api.Orders;
using BwpOrders.Server.GraphQL;
using GraphQL;

namespace BwpOrders.Server.Api.Returns;

/// <summary>The Returns interface's root resolvers.</summary>
public static class ReturnOperations
{
    /// <summary>2024-11-01 <c>createReturn(orderIdentifier:, input:)</c>: a DRAFT return, or submitted at once with STARTED.</summary>
    public static async Task<object?> CreateReturn(IResolveFieldContext ctx, RequestContext request)
    {
        var lookup = OrderInputs.Lookup(ctx.Argument("orderIdentifier"), "orderIdentifier");
        return new { ReturnDetails = await request.Orders.StartReturnAsync(request.TargetId, ReturnInputs.CreateReturn(lookup, ctx.Argument("input")),
            ctx.CancellationToken) };
    }

    /// <summary>2024-11-01 <c>updateReturn(input:, returnIdentifier:)</c>.</summary>
    public static async Task<object?> UpdateReturn(IResolveFieldContext ctx, RequestContext request) =>
        new { ReturnDetails = await request.Orders.UpdateReturnAsync(request.TargetId,
            ReturnInputs.UpdateReturn(ctx.Argument("input"), ctx.Argument("returnIdentifier")), ctx.CancellationToken) };

    /// <summary>2024-11-01 <c>return(input:)</c> (also <c>returnIdentifier:</c>, as one edition of the page names it).</summary>
    public static async Task<object?> Return(IResolveFieldContext ctx, RequestContext request)
    {
        var byInput = ctx.Argument("input");
        var byIdentifier = ctx.Argument("returnIdentifier");
        if (byInput.IsNull == byIdentifier.IsNull)
            throw BwpException.Validation(ErrorCodes.InvalidInput, byInput.IsNull
                ? "return: identify the return, as return(input: {id: \"...\"}) (or returnIdentifier: {id: \"...\"})."
                : "return: identify the return once, as input: {id: \"...\"} or returnIdentifier: {id: \"...\"}, not both.");
        var identifier = byInput.IsNull ? byIdentifier : byInput;
        var returnId = identifier.String("id")
            ?? throw BwpException.Validation(ErrorCodes.InvalidInput, "return: identify the return by its id (input: {id: \"...\"}); order-scoped return aliases are looked up through the order query.");
        var found = await request.Orders.FindReturnAsync(request.TargetId, returnId, ctx.CancellationToken)
            ?? throw BwpException.NotFound($"No return found with id '{returnId}'.");
        return new { ReturnDetails = found.Return };
    }
}
