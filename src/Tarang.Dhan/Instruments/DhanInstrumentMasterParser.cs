using System.Text;
using Tarang.Market.Csv;
using Tarang.Market.Instruments;

namespace Tarang.Dhan.Instruments;

/// <summary>
/// Parses Dhan's instrument master CSV, compact (<c>SEM_*</c> columns) or detailed layout, in
/// one streaming pass: rows are read one at a time, so only the resulting instruments stay in
/// memory. Columns are bound by header name. A bad row is skipped and counted, never fatal.
/// </summary>
public static class DhanInstrumentMasterParser
{
    /// <summary>The number of skipped rows kept as samples in the result.</summary>
    public const int MaxSkippedRowSamples = 20;

    private const int CancellationCheckInterval = 4096;

    /// <summary>Parses a master file read as UTF-8 (a byte-order mark is honoured). Leaves the stream open.</summary>
    /// <exception cref="InvalidDataException">The input is empty, or its header is not a Dhan master header.</exception>
    public static InstrumentMasterParseResult Parse(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        return Parse(reader, cancellationToken);
    }

    /// <summary>Parses a master file from its first (header) line to the end.</summary>
    /// <exception cref="InvalidDataException">The input is empty, or its header is not a Dhan master header.</exception>
    public static InstrumentMasterParseResult Parse(TextReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var csv = new CsvRecordReader(reader);
        if (!csv.ReadRecord())
        {
            throw new InvalidDataException("The instrument master is empty. Expected a header line with SEM_* (compact) or EXCH_ID, SECURITY_ID, … (detailed) column names.");
        }

        var columns = MasterColumns.Bind(csv);
        var rowParser = new MasterRowParser(columns);

        var instruments = new List<Instrument>();
        var linesByKey = new Dictionary<InstrumentKey, (int Index, long LineNumber)>();
        var skippedCounts = new Dictionary<InstrumentSkipReason, int>();
        var skippedSamples = new List<SkippedInstrumentRow>();
        var collisions = new List<InstrumentCollision>();
        long rowCount = 0;

        while (csv.ReadRecord())
        {
            rowCount++;
            if (rowCount % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (!rowParser.TryParse(csv, out var instrument, out var reason, out var value))
            {
                skippedCounts[reason] = skippedCounts.GetValueOrDefault(reason) + 1;
                if (skippedSamples.Count < MaxSkippedRowSamples)
                {
                    skippedSamples.Add(new SkippedInstrumentRow(csv.LineNumber, reason, value));
                }

                continue;
            }

            if (linesByKey.TryGetValue(instrument.Key, out var kept))
            {
                collisions.Add(new InstrumentCollision(instrument.Key, kept.LineNumber, instruments[kept.Index], csv.LineNumber, instrument));
                continue;
            }

            linesByKey.Add(instrument.Key, (instruments.Count, csv.LineNumber));
            instruments.Add(instrument);
        }

        return new InstrumentMasterParseResult
        {
            Layout = columns.Layout,
            Instruments = instruments,
            RowCount = rowCount,
            SkippedRowCounts = skippedCounts,
            SkippedRowSamples = skippedSamples,
            Collisions = collisions,
        };
    }
}
