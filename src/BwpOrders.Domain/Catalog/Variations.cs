namespace BwpOrders.Domain.Catalog;

/// <summary>How a variation differs from its group's representative product: a dimension (size) and its value (large).</summary>
public sealed record VariationSelection(string Dimension, string Value);

/// <summary>A product's place in a variation group: the group's representative product, and how this variation differs from it.</summary>
public sealed record VariationMembership(string RepresentativeId, IReadOnlyList<VariationSelection> Selections);

/// <summary>createProduct's or updateProduct's <c>variationGroupMembership</c>: the representative as named, and the selections.</summary>
public sealed record VariationRequest(ProductLookup Representative, IReadOnlyList<VariationSelection> Selections);

/// <summary>
/// BwP's variation groups (the "Create and Manage Product Variations" guide): a group is made when its first member
/// names a representative product; "a product can only belong to one VariationGroup at a time and each
/// VariationGroup can have a maximum of 200 VariationGroupMember products". A representative is in its own group,
/// so it is no other group's member, and a member is no group's representative.
/// </summary>
public static class VariationRules
{
    public const int MaxMembers = 200;
    private const int MaxTextLength = 256;
    private static readonly FieldPath At = FieldPath.Of("variationGroupMembership");

    /// <param name="productId">The product becoming a member (null: one being created).</param>
    /// <param name="membersOfProduct">How many members the product's own group has (it represents a group when any).</param>
    /// <param name="membersOfGroup">The members of the representative's group, by id.</param>
    public static VariationMembership Membership(string? productId, VariationRequest request, CatalogProduct? representative, int membersOfProduct,
        IReadOnlyList<string> membersOfGroup)
    {
        if (representative is null) throw CatalogService.NotFound(At.Field("representativeProductId"));
        if (representative.Id == productId)
            throw BwpException.Validation(ErrorCodes.InvalidInput, At.Field("representativeProductId"), "a product cannot be a variation of itself: name the group's representative product.");
        if (representative.Variation is { } theirs)
            throw BwpException.Validation(ErrorCodes.InvalidInput, At.Field("representativeProductId"),
                $"product {representative.Id} is a variation in the group of product {theirs.RepresentativeId}: name that product as the representative.");
        if (membersOfProduct > 0)
            throw BwpException.Validation(ErrorCodes.InvalidInput, At,
                $"this product represents a variation group of {membersOfProduct} products, and a product belongs to one VariationGroup at a time.");
        if (membersOfGroup.Count(id => id != productId) >= MaxMembers)
            throw BwpException.Validation(ErrorCodes.InvalidInput, At, $"the variation group of product {representative.Id} has {MaxMembers} members, BwP's maximum.");
        return new VariationMembership(representative.Id, Checked(request.Selections));
    }

    private static IReadOnlyList<VariationSelection> Checked(IReadOnlyList<VariationSelection> selections)
    {
        var at = At.Field("variationSelections");
        if (selections.Count == 0) throw BwpException.Validation(ErrorCodes.InvalidInput, at, "give at least one dimension and value that set this variation apart (size: large).");
        for (var i = 0; i < selections.Count; i++)
        {
            if (selections[i].Dimension.Length is 0 or > MaxTextLength || selections[i].Value.Length is 0 or > MaxTextLength)
                throw BwpException.Validation(ErrorCodes.InvalidInput, at[i], $"a dimension and its value are 1 to {MaxTextLength} characters each.");
            if (selections.Take(i).Any(s => s.Dimension == selections[i].Dimension))
                throw BwpException.Validation(ErrorCodes.InvalidInput, at[i].Field("dimension"), $"dimension '{selections[i].Dimension}' is given twice: give each dimension once.");
        }
        return selections;
    }
}
