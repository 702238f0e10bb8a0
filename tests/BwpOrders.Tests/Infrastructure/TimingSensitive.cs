namespace BwpOrders.Tests.Infrastructure;

/// <summary>
/// Tests whose outcome depends on how fast the machine is (killing every database connection every 150 ms while
/// writers must get through within the retry window): they run alone, after the parallel ones, so a 2-core CI
/// machine busy with other test classes cannot starve them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitive
{
    public const string Name = "timing-sensitive";
}
