using System.Globalization;

namespace Tarang.Load;

/// <summary>One sample of the Prometheus text exposition format: the metric name, its label text and its value.</summary>
internal sealed record PrometheusSample(string Name, string Labels, double Value);

/// <summary>Parses the Prometheus text exposition format (version 0.0.4) that a <c>/metrics</c> endpoint serves.</summary>
internal static class PrometheusText
{
    public static List<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            // name{label="value",...} value [timestamp]; label values may hold spaces, so the
            // value starts after the closing brace when there is one.
            var braceOpen = line.IndexOf('{');
            var nameEnd = braceOpen >= 0 ? braceOpen : line.IndexOf(' ');
            if (nameEnd <= 0)
            {
                continue;
            }

            var name = line[..nameEnd].ToString();
            var labels = "";
            var rest = line[nameEnd..];
            if (braceOpen >= 0)
            {
                var braceClose = line.LastIndexOf('}');
                if (braceClose < braceOpen)
                {
                    continue;
                }

                labels = line[(braceOpen + 1)..braceClose].ToString();
                rest = line[(braceClose + 1)..];
            }

            rest = rest.Trim();
            var valueEnd = rest.IndexOf(' ');
            var valueText = valueEnd >= 0 ? rest[..valueEnd] : rest;
            if (double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples.Add(new PrometheusSample(name, labels, value));
            }
        }

        return samples;
    }

    /// <summary>Returns the sum of every sample whose name starts with <paramref name="namePrefix"/>, or null when none does.</summary>
    public static double? Sum(IEnumerable<PrometheusSample> samples, string namePrefix, Func<PrometheusSample, bool>? filter = null)
    {
        double? total = null;
        foreach (var sample in samples)
        {
            if (sample.Name.StartsWith(namePrefix, StringComparison.Ordinal) && (filter is null || filter(sample)) && !double.IsNaN(sample.Value))
            {
                total = (total ?? 0) + sample.Value;
            }
        }

        return total;
    }
}
