namespace BwpOrders.Domain;

/// <summary>
/// Where in a command a rejected value sits, in the domain's own names: <c>lineItems[0].amount</c>,
/// <c>packages[2].aliases</c>, <c>refunds[1].state</c>. The transport says it in the field names of the version
/// and operation the command came from (2024-11-01 updateOrder: <c>input.packageInformation.details[2].aliases</c>),
/// so the domain knows no API's vocabulary. Immutable; each step returns a new path.
/// </summary>
public sealed class FieldPath
{
    private readonly FieldPath? parent;
    private readonly string? name;
    private readonly int index;

    private FieldPath(FieldPath? parent, string? name, int index) => (this.parent, this.name, this.index) = (parent, name, index);

    /// <summary>A path starting at a field of the command; a dotted name (<c>refundTotal.totalAmount</c>) is several steps.</summary>
    public static FieldPath Of(string name) => Append(null, name);

    public FieldPath Field(string name) => Append(this, name);

    /// <summary>The entry at <paramref name="i"/> of the list this path names.</summary>
    public FieldPath this[int i] => new(this, null, i);

    /// <summary>The steps from the root: a field name (string) or a list index (int).</summary>
    public IReadOnlyList<object> Steps
    {
        get
        {
            var steps = new List<object>();
            for (var at = this; at is not null; at = at.parent) steps.Add(at.name ?? (object)at.index);
            steps.Reverse();
            return steps;
        }
    }

    /// <summary>Renders the steps, each field name through <paramref name="say"/> (given the names so far, dotted, without indices).</summary>
    public string Render(Func<string, string, string> say)
    {
        var text = new System.Text.StringBuilder();
        var shape = "";
        foreach (var step in Steps)
        {
            if (step is int i) { text.Append('[').Append(i).Append(']'); continue; }
            var field = (string)step;
            shape = shape.Length == 0 ? field : $"{shape}.{field}";
            var said = say(shape, field);
            if (said.Length == 0) continue;
            if (text.Length > 0) text.Append('.');
            text.Append(said);
        }
        return text.ToString();
    }

    /// <summary>The domain's own wording: <c>lineItems[0].amount</c>.</summary>
    public override string ToString() => Render((_, field) => field);

    private static FieldPath Append(FieldPath? parent, string dotted)
    {
        var at = parent;
        foreach (var part in dotted.Split('.')) at = new FieldPath(at, part, -1);
        return at!;
    }
}
