using System.Data.Common;

/// <summary>What the benchmark drivers share for seeding a store straight through ADO.NET.</summary>
static class BenchSql
{
    public static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
