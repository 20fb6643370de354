namespace Tarang.Dhan.Instruments;

/// <summary>
/// Shares one string instance per distinct value of the master's repetitive columns (series,
/// underlying symbol, expiry flag), so 200,000 rows do not allocate 200,000 copies of "NIFTY".
/// </summary>
internal sealed class StringPool
{
    private readonly HashSet<string> strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public StringPool()
    {
        lookup = strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Returns the pooled string equal to <paramref name="text"/>, adding it on first use.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return "";
        }

        if (lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = text.ToString();
        strings.Add(created);
        return created;
    }
}
