using BwpOrders.Domain.Rules;

namespace BwpOrders.Server.Hosting;

/// <summary>
/// How long BwP's side takes on a target's clock (configuration section "Simulation", e.g.
/// <c>Simulation__InTransitAfter=1.00:00:00</c>). The package delays apply with <c>serve --simulate-fulfillment</c>;
/// the cancellation and grading delays always.
/// </summary>
public sealed class SimulationSettings
{
    /// <summary>From a package's creation (fulfilment started) to IN_TRANSIT.</summary>
    public TimeSpan InTransitAfter { get; set; } = Simulation.Off.InTransitAfter;

    /// <summary>From IN_TRANSIT to DELIVERED.</summary>
    public TimeSpan DeliveredAfter { get; set; } = Simulation.Off.DeliveredAfter;

    /// <summary>From cancelOrder (PENDING) to BwP's decision (SUCCESS, or REJECTED if a package shipped meanwhile).</summary>
    public TimeSpan CancellationDecidedAfter { get; set; } = Simulation.Off.CancellationDecidedAfter;

    /// <summary>
    /// From a shopper return's package DELIVERED to BwP grading what is still ungraded (and completing the return).
    /// Applies in every mode: no documented call grades a return, BwP's fulfilment centre does.
    /// </summary>
    public TimeSpan ReturnGradedAfter { get; set; } = Simulation.Off.ReturnGradedAfter;

    /// <summary>Fails the start on a negative delay, naming it.</summary>
    public void Check()
    {
        foreach (var (name, delay) in new[] { (nameof(InTransitAfter), InTransitAfter), (nameof(DeliveredAfter), DeliveredAfter),
                     (nameof(CancellationDecidedAfter), CancellationDecidedAfter), (nameof(ReturnGradedAfter), ReturnGradedAfter) })
            if (delay < TimeSpan.Zero) throw new ArgumentException($"Simulation:{name} must not be negative, not {delay}.");
    }

    public Simulation ToSimulation(bool movesPackages) => new(movesPackages, InTransitAfter, DeliveredAfter, CancellationDecidedAfter, ReturnGradedAfter);
}
