using BwpOrders.Domain.Model;

namespace BwpOrders.Domain.Rules;

/// <summary>A package tracker's milestones: each one is dated, placed, and announced (PACKAGE_TRACKER_MILESTONE_CHANGED).</summary>
public static class Milestones
{
    public static PackageMilestone New(string code, Change change, Address? at = null)
    {
        var place = at is null
            ? new MilestoneAddress(Fulfillment.FulfillmentCenter.Locality, Fulfillment.FulfillmentCenter.Region, Fulfillment.FulfillmentCenter.CountryCode)
            : new MilestoneAddress(at.Locality, at.Region, at.CountryCode);
        return new PackageMilestone(new MilestoneStatus(code, LocalizedText.English(MilestoneCodes.Messages.GetValueOrDefault(code, code))), place, change.Now);
    }

    public static void Append(Change change, PackageTracker tracker, string code, Address? at = null)
    {
        tracker.Milestones.Add(New(code, change, at));
        var id = tracker.PackageTrackerIdentifier;
        change.RecordResource(EventTypes.PackageTrackerMilestoneChanged, $"carrier/{id.CarrierCode}/tracker/{id.TrackingNumber}");
    }
}
