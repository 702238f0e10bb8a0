using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// Applies <c>packageInformation.details</c>: attaches aliases to the package its id or alias names. An entry
/// that names no known package records a new PENDING package, keeping the caller's id when one is given
/// (merchant-fulfilled shipments carry the merchant's own package ids).
/// </summary>
public static class PackageMerger
{
    public static void Apply(Change change, IReadOnlyList<PackagePatch> patches)
    {
        var packages = change.Order.PackageInformation.Details;
        foreach (var patch in patches)
        {
            var aliases = patch.Aliases ?? [];
            var package = (patch.Id is null ? null : packages.FirstOrDefault(p => p.Id == patch.Id))
                ?? packages.FirstOrDefault(p => p.Aliases.Any(aliases.Contains));
            if (package is null)
            {
                package = new PackageDetails { Id = patch.Id ?? Ids.NewItemId(), CreatedAt = change.Now };
                packages.Add(package);
            }
            AliasMerge.Append(package.Aliases, aliases);
            package.UpdatedAt = change.Now;
        }
    }
}
