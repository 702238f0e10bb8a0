using BwpOrders.Domain.Commands;
using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>
/// Applies the packages of an update (<c>packages</c>; the API's 2024-11-01 <c>packageInformation.details</c>,
/// 2024-04-01 <c>deliveryInformation.details</c>, 2024-01-01 <c>deliveryInformationDetailsAliases</c>): an entry naming one of BwP's packages (by id or alias) adds its
/// aliases; one naming no package BwP created is recorded as the merchant sent it (its id, or a new one, and
/// its aliases), and later entries naming it add aliases to it.
/// </summary>
public static class PackageMerger
{
    public static void Apply(Change change, IReadOnlyList<PackagePatch> patches)
    {
        var packages = change.Order.PackageInformation;
        for (var i = 0; i < patches.Count; i++)
        {
            var patch = patches[i];
            var aliases = patch.Aliases ?? [];
            var package = Named(packages.Details, patch) ?? Named(packages.MerchantRecorded ?? [], patch) ?? Record(change, patch, FieldPath.Of("packages")[i]);
            var before = package.Aliases.Count;
            AliasMerge.Append(package.Aliases, aliases);
            if (package.Aliases.Count != before) package.UpdatedAt = change.Now;
        }
    }

    private static PackageDetails? Named(List<PackageDetails> packages, PackagePatch patch) =>
        (patch.Id is null ? null : packages.FirstOrDefault(p => p.Id == patch.Id))
        ?? packages.FirstOrDefault(p => p.Aliases.Any((patch.Aliases ?? []).Contains));

    private static PackageDetails Record(Change change, PackagePatch patch, FieldPath path)
    {
        if (patch.Id is null && patch.Aliases is not { Count: > 0 })
            throw BwpException.Validation(ErrorCodes.InvalidInput, path, "name the package by id or give its aliases.");
        var package = new PackageDetails { Id = patch.Id ?? Ids.NewItemId(), CreatedAt = change.Now, UpdatedAt = change.Now };
        (change.Order.PackageInformation.MerchantRecorded ??= []).Add(package);
        return package;
    }
}

/// <summary>
/// The sandbox's package moves, each naming one of BwP's packages (<c>packages[i]</c>): to a state (<c>state</c>, for
/// some of its line items: <c>amounts</c>) or a tracker milestone (<c>tracker</c>).
/// </summary>
public static class SandboxPackageMoves
{
    public static void Apply(Change change, IReadOnlyList<PackageMoveCommand> moves)
    {
        for (var i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            var path = FieldPath.Of("packages")[i];
            var package = change.Order.FindPackage(move.PackageId) ?? throw BwpException.Validation(ErrorCodes.PackageInformationDetailIdNotFound, path.Field("id"),
                $"order {change.Order.Id} has no package '{move.PackageId}' that BwP created. BwP moves only its own packages (created when fulfilment starts), not ones the merchant recorded.");
            if (move.State is not null && move.Tracker is not null)
                throw BwpException.Validation(ErrorCodes.ConflictingPackageStateInput, path,
                    "give either a package state or a package tracker state, not both.");
            if (move.Tracker is { } tracker)
                Track(change, package, tracker, path);
            else if (move.State is { } state)
                Move(change, package, state, move.Reason, move.Amounts, path);
            else
                throw BwpException.Validation(ErrorCodes.InvalidInput, path, $"give the state to move package {package.Id} to.");
        }
    }

    private static void Move(Change change, PackageDetails package, string state, string? reason, List<LineItemAmountPatch>? amounts, FieldPath path)
    {
        PackageMoves.Check(package, state, reason, path);
        var moving = amounts is null
            ? package
            : PackageMoves.Split(change, package, amounts.Select((a, k) => new LineItemAmount
            {
                LineItemId = change.LineItem(a.LineItem, path.Field("amounts")[k].Field("lineItemId")).Id,
                Amount = a.Amount,
            }).ToList(), path);
        PackageMoves.Apply(change, moving, state, reason);
    }

    /// <summary>
    /// A milestone on the package's tracker; DELIVERED also delivers the package, as BwP's sandbox does. The tracker
    /// of a package that reached a final state takes no more updates, and none takes more than a fixed number.
    /// </summary>
    private static void Track(Change change, PackageDetails package, TrackerMilestonePatch patch, FieldPath path)
    {
        var tracker = package.PackageTracker;
        var id = tracker?.PackageTrackerIdentifier;
        if (tracker is null || (patch.TrackingNumber is not null && patch.TrackingNumber != id!.TrackingNumber)
                            || (patch.CarrierCode is not null && !patch.CarrierCode.Equals(id!.CarrierCode, StringComparison.OrdinalIgnoreCase)))
            throw BwpException.Validation(ErrorCodes.PackageTrackerNotFound, path.Field("tracker"),
                $"package {package.Id} has no tracker {patch.CarrierCode} {patch.TrackingNumber}.");
        if (package.State is PackageStates.Delivered or PackageStates.Cancelled)
            throw BwpException.Validation(ErrorCodes.PackageTrackerNotAvailableForUpdate, path.Field("tracker"),
                $"package {package.Id} is {package.State}; its tracker takes no more updates.");
        if (tracker.Milestones.Count >= Limits.TrackerMilestones)
            throw BwpException.Validation(ErrorCodes.UpdatePackageTrackerLimitExceeded, path.Field("tracker"),
                $"the tracker of package {package.Id} has its maximum of {Limits.TrackerMilestones} milestones; it takes no more updates.");
        if (patch.Code != MilestoneCodes.Delivered)
        {
            Milestones.Append(change, tracker, patch.Code);
            return;
        }
        if (package.State == PackageStates.Pending) PackageMoves.Apply(change, package, PackageStates.InTransit, null);
        PackageMoves.Check(package, PackageStates.Delivered, null, path);
        PackageMoves.Apply(change, package, PackageStates.Delivered, null);
    }
}
