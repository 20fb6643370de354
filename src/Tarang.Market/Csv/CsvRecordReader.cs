namespace Tarang.Market.Csv;

/// <summary>
/// Reads CSV records (RFC 4180: comma separator, double-quoted fields with <c>""</c> escapes,
/// line breaks inside quotes) one at a time from a <see cref="TextReader"/>, so a large file is
/// never held in memory. Fields are exposed as spans over a reused buffer, valid until the next
/// <see cref="ReadRecord"/>. Blank lines are skipped.
/// </summary>
public sealed class CsvRecordReader
{
    /// <summary>
    /// The maximum record length accepted, in characters. Dhan's rows are under 1,000 characters, so a
    /// longer record means a quote that is never closed swallowed the rest of the file.
    /// </summary>
    public const int MaxRecordLength = 1 << 20;

    private const int BufferSize = 64 * 1024;

    private readonly TextReader reader;
    private readonly char[] buffer = new char[BufferSize];
    private readonly List<Range> fields = new(capacity: 64);
    private int bufferLength;
    private int bufferPosition;
    private char[] record = new char[1024];
    private int recordLength;
    private long nextLineNumber = 1;

    public CsvRecordReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        this.reader = reader;
    }

    /// <summary>The 1-based line on which the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount => fields.Count;

    /// <summary>True when the input ended inside a quoted field of the current record.</summary>
    public bool HasUnterminatedQuote { get; private set; }

    /// <summary>Returns the field at <paramref name="index"/>, or an empty span where the record is shorter.</summary>
    public ReadOnlySpan<char> this[int index] =>
        index >= 0 && index < fields.Count ? record.AsSpan(fields[index]) : default;

    /// <summary>Advances to the next non-blank record, or returns false at the end of the input.</summary>
    /// <exception cref="InvalidDataException">A record is longer than <see cref="MaxRecordLength"/>.</exception>
    public bool ReadRecord()
    {
        while (true)
        {
            fields.Clear();
            recordLength = 0;
            HasUnterminatedQuote = false;
            LineNumber = nextLineNumber;

            if (!TryPeek(out _))
            {
                return false;
            }

            var quoted = ReadFields();
            var blank = fields.Count == 1 && recordLength == 0 && !quoted;
            if (!blank)
            {
                return true;
            }
        }
    }

    // Reads one record's fields and returns true when any of them was quoted.
    private bool ReadFields()
    {
        var fieldStart = 0;
        var atFieldStart = true;
        var inQuotes = false;
        var anyQuoted = false;

        while (TryRead(out var ch))
        {
            if (inQuotes)
            {
                if (ch != '"')
                {
                    if (ch == '\n')
                    {
                        nextLineNumber++;
                    }

                    Append(ch);
                }
                else if (TryPeek(out var next) && next == '"')
                {
                    bufferPosition++;
                    Append('"');
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            switch (ch)
            {
                case ',':
                    fields.Add(new Range(fieldStart, recordLength));
                    fieldStart = recordLength;
                    atFieldStart = true;
                    continue;
                case '"' when atFieldStart:
                    inQuotes = true;
                    anyQuoted = true;
                    atFieldStart = false;
                    continue;
                case '\r':
                    if (TryPeek(out var afterReturn) && afterReturn == '\n')
                    {
                        bufferPosition++;
                    }

                    nextLineNumber++;
                    fields.Add(new Range(fieldStart, recordLength));
                    return anyQuoted;
                case '\n':
                    nextLineNumber++;
                    fields.Add(new Range(fieldStart, recordLength));
                    return anyQuoted;
                default:
                    // A quote inside an unquoted field, or text after a closing quote, is kept as it is.
                    Append(ch);
                    atFieldStart = false;
                    continue;
            }
        }

        HasUnterminatedQuote = inQuotes;
        fields.Add(new Range(fieldStart, recordLength));
        return anyQuoted;
    }

    private void Append(char ch)
    {
        if (recordLength == record.Length)
        {
            if (record.Length >= MaxRecordLength)
            {
                throw new InvalidDataException(
                    $"The CSV record starting at line {LineNumber} is longer than {MaxRecordLength} characters; " +
                    "the file is probably missing a closing quote.");
            }

            Array.Resize(ref record, Math.Min(record.Length * 2, MaxRecordLength));
        }

        record[recordLength++] = ch;
    }

    private bool TryRead(out char ch)
    {
        if (!TryPeek(out ch))
        {
            return false;
        }

        bufferPosition++;
        return true;
    }

    private bool TryPeek(out char ch)
    {
        if (bufferPosition == bufferLength)
        {
            bufferLength = reader.Read(buffer, 0, buffer.Length);
            bufferPosition = 0;
            if (bufferLength == 0)
            {
                ch = default;
                return false;
            }
        }

        ch = buffer[bufferPosition];
        return true;
    }
}
