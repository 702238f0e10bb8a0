using BwpOrders.Domain.Rules;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// How long BwP's simulated fulfilment takes on a target's clock (configuration section "Simulation", e.g.
/// <c>Simulation__InTransitAfter=1.00:00:00</c>); used with <c>serve --simulate-fulfillment</c>.
/// </summary>
public sealed class SimulationSettings
{
    /// <summary>From a package's creation (fulfilment started) to IN_TRANSIT.</summary>
    public TimeSpan InTransitAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>From IN_TRANSIT to DELIVERED.</summary>
    public TimeSpan DeliveredAfter { get; set; } = TimeSpan.FromDays(2);

    public Simulation ToSimulation() => new(InTransitAfter, DeliveredAfter);
}
