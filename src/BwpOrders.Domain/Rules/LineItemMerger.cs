using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>Adds line items, or merges an input into the line item it names by id or alias.</summary>
public static class LineItemMerger
{
    public static LineItem Create(LineItemPatch patch, string now, FieldPath path)
    {
        var item = new LineItem { Id = Ids.NewItemId(), CreatedAt = now };
        if (patch.Amount is null)
            throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("amount"), "required for a new line item.");
        Merge(item, patch, path);
        CheckNew(item, path);
        return item;
    }

    /// <summary>
    /// What BwP requires of a line item it is to fulfil: the product as sold (title, price and an identifier),
    /// and for Prime delivery the offer and delivery preview it was chosen from.
    /// </summary>
    private static void CheckNew(LineItem item, FieldPath path)
    {
        if (!item.IsAmazonFulfilled) return;
        var product = item.Product;
        var missing = new[] { ("title", product?.Title is { Length: > 0 }), ("price", product?.Price is not null), ("identifier", product?.HasIdentifier == true) }
            .Where(f => !f.Item2).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
            throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("product"),
                $"an Amazon-fulfilled line item needs the product's {string.Join(", ", missing)} (title, price and an identifier such as sku).");
        if (item.DeliveryOffer?.Details is { IsPrime: true } offer && (offer.Id is null || offer.DeliveryPreviewId is null))
            throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("selectedDeliveryOffer.details"),
                "Prime delivery needs the id and deliveryPreviewId of the offer chosen from a deliveryPreview.");
    }

    /// <summary>
    /// Points each delivery offer's <c>deliveryFor</c> at the line items it names (by id or alias id), once every
    /// line item of the command exists.
    /// </summary>
    public static void ResolveDeliveryGroups(Order order)
    {
        for (var i = 0; i < order.LineItems.Count; i++)
        {
            var amounts = order.LineItems[i].DeliveryOffer?.Details?.DeliveryFor ?? [];
            for (var k = 0; k < amounts.Count; k++)
            {
                var target = order.FindLineItem(amounts[k].LineItemId) ?? throw BwpException.Validation(ErrorCodes.ItemDoesNotExist,
                    FieldPath.Of("lineItems")[i].Field("selectedDeliveryOffer.details.deliveryFor.orderLineItemAmounts")[k].Field("lineItemId"),
                    $"order {order.Id} has no line item with id or alias id '{amounts[k].LineItemId}'.");
                amounts[k].LineItemId = target.Id;
                amounts[k].LineItem = target;
            }
        }
    }

    public static void Apply(Change change, IReadOnlyList<LineItemPatch> patches)
    {
        for (var i = 0; i < patches.Count; i++)
        {
            var patch = patches[i];
            var path = FieldPath.Of("lineItems")[i];
            var existing = Find(change.Order, patch, path);
            if (existing is not null)
            {
                Merge(existing, patch, path);
                continue;
            }
            var created = Create(patch, change.Now, path);
            change.Order.LineItems.Add(created);
            change.CreatedLineItems.Add(created);
        }
    }

    private static LineItem? Find(Order order, LineItemPatch patch, FieldPath path)
    {
        if (patch.Id is not null)
            return order.FindLineItem(patch.Id) ?? throw BwpException.Validation(ErrorCodes.ItemDoesNotExist, path.Field("id"),
                $"order {order.Id} has no line item '{patch.Id}'. Leave the id out to add a new line item.");
        var aliases = patch.Aliases ?? [];
        return order.LineItems.FirstOrDefault(l => l.Aliases.Any(aliases.Contains));
    }

    private static void Merge(LineItem item, LineItemPatch patch, FieldPath path)
    {
        AliasMerge.Append(item.Aliases, patch.Aliases);
        if (patch.Product is not null) item.Product = patch.Product;
        if (patch.Amount is not null) item.Amount = patch.Amount;
        if (patch.ClientDetails is not null) item.ClientDetails = patch.ClientDetails;
        if (patch.DeliveryOffer is not null)
        {
            if ((patch.DeliveryOffer.Details is null) == (patch.DeliveryOffer.Summary is null))
                throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("selectedDeliveryOffer"),
                    "give exactly one of details (an offer, e.g. from a delivery preview) or summary (the minimum, e.g. for merchant delivery).");
            item.DeliveryOffer = patch.DeliveryOffer;
        }
        if (patch.Taxes is not null) item.Taxes = patch.Taxes;
        item.Discounts = Immutable.SetOnce(item.Discounts, patch.Discounts, path.Field("discounts"));
        item.Payments = PaymentMerge.Apply(item.Payments, patch.Payments, path.Field("payments"));
    }
}

public static class AliasMerge
{
    /// <summary>Aliases are append-only: new pairs are added, existing ones are never changed or removed.</summary>
    public static void Append(List<Alias> target, IEnumerable<Alias>? additions)
    {
        foreach (var alias in additions ?? [])
            if (!target.Contains(alias)) target.Add(alias);
    }

    /// <summary>Refund rule: an alias of a type the refund already has replaces it; a new type is added.</summary>
    public static void Overwrite(List<Alias> target, IEnumerable<Alias>? additions)
    {
        foreach (var alias in additions ?? [])
        {
            var index = target.FindIndex(a => a.AliasType == alias.AliasType);
            if (index >= 0) target[index] = alias;
            else target.Add(alias);
        }
    }
}

public static class Immutable
{
    /// <summary>
    /// For fields BwP does not let updateOrder change (discounts): null keeps the value, the first value is
    /// stored, resending the same value is accepted, and a different value is refused rather than ignored.
    /// </summary>
    public static T? SetOnce<T>(T? current, T? requested, FieldPath path) where T : class
    {
        if (requested is null) return current;
        if (current is null || OrderJson.SameValue(current, requested)) return requested;
        throw BwpException.Validation(ErrorCodes.FieldNotUpdatable, path,
            "cannot be changed once set; send null or leave it out to keep the current value.");
    }
}

public static class PaymentMerge
{
    /// <summary>Payment details are upserted by id (details without an id are appended); a summary replaces the old one.</summary>
    public static Payments? Apply(Payments? current, PaymentsPatch? patch, FieldPath path)
    {
        if (patch is null) return current;
        var payments = current ?? new Payments();
        var details = patch.Details ?? [];
        var duplicate = details.Where(d => d.Id is not null).GroupBy(d => d.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw BwpException.Validation(ErrorCodes.InvalidInput, path.Field("details"), $"payment id '{duplicate.Key}' is given more than once.");
        foreach (var detail in details)
        {
            var index = detail.Id is null ? -1 : payments.Details.FindIndex(d => d.Id == detail.Id);
            if (index >= 0) payments.Details[index] = detail;
            else payments.Details.Add(detail);
        }
        if (patch.Summary is not null) payments.ProvidedSummary = patch.Summary;
        return payments;
    }
}
