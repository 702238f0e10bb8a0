using System.Text;
using BwpOrders.Domain.Catalog;

namespace BwpOrders.Storage.Relational;

/// <summary>
/// How a <see cref="ProductFilter"/> narrows <c>catalog_products</c> in SQL: each exact operation on its identifier's
/// column, as <see cref="StringCondition"/> means it (a product without the identifier is neither equal to nor one of any
/// value), and a regex only as "has the identifier". The rows it keeps are a superset of the matches, never fewer.
/// </summary>
internal static class CatalogFilterSql
{
    /// <returns>The conditions, each as <c> AND …</c>; their parameters (<c>@f0</c>, <c>@f1</c>, …) are added to <paramref name="parameters"/>.</returns>
    public static string Narrowing(ProductFilter filter, List<(string Name, object Value)> parameters)
    {
        var sql = new StringBuilder();
        foreach (var (identifier, condition) in filter.Conditions)
        {
            var column = RelationalCatalogStore.Column(identifier);
            if (condition.IsNull == true) sql.Append($" AND {column} IS NULL");
            if (condition.IsNull == false || condition.Regex is not null) sql.Append($" AND {column} IS NOT NULL");
            if (condition.Eq is { } eq) sql.Append($" AND {column} = {Parameter(parameters, eq)}");
            if (condition.Neq is { } neq) sql.Append($" AND ({column} IS NULL OR {column} <> {Parameter(parameters, neq)})");
            if (condition.AnyOf is { } anyOf)
                sql.Append(anyOf.Count == 0 ? " AND 1 = 0" : $" AND {column} IN ({List(parameters, anyOf)})");
            if (condition.NoneOf is { Count: > 0 } noneOf) sql.Append($" AND ({column} IS NULL OR {column} NOT IN ({List(parameters, noneOf)}))");
        }
        return sql.ToString();
    }

    private static string List(List<(string Name, object Value)> parameters, IEnumerable<string> values) =>
        string.Join(", ", values.Select(v => Parameter(parameters, v)));

    private static string Parameter(List<(string Name, object Value)> parameters, string value)
    {
        var name = $"@f{parameters.Count}";
        parameters.Add((name, value));
        return name;
    }
}
