using Tarang.Market.Csv;

namespace Tarang.Market.Tests.Csv;

public class CsvRecordReaderTests
{
    private static List<string[]> ReadAll(string text)
    {
        var reader = new CsvRecordReader(new StringReader(text));
        var records = new List<string[]>();
        while (reader.ReadRecord())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = reader[i].ToString();
            }

            records.Add(fields);
        }

        return records;
    }

    [Fact]
    public void Reader_SplitsPlainFields()
    {
        var records = ReadAll("a,b,,d\n1,2,3,4\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["a", "b", "", "d"], records[0]);
        Assert.Equal(["1", "2", "3", "4"], records[1]);
    }

    [Fact]
    public void Reader_UnquotesCommasQuotesAndLineBreaks()
    {
        var records = ReadAll("\"Tata, Sons\",\"say \"\"hi\"\"\",\"two\nlines\",plain\r\nnext,row\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["Tata, Sons", "say \"hi\"", "two\nlines", "plain"], records[0]);
        Assert.Equal(["next", "row"], records[1]);
    }

    [Fact]
    public void Reader_CountsLinesInsideQuotes()
    {
        var reader = new CsvRecordReader(new StringReader("h\n\"a\nb\"\nc\n"));

        Assert.True(reader.ReadRecord());
        Assert.Equal(1, reader.LineNumber);
        Assert.True(reader.ReadRecord());
        Assert.Equal(2, reader.LineNumber);
        Assert.True(reader.ReadRecord());
        Assert.Equal(4, reader.LineNumber);
        Assert.False(reader.ReadRecord());
    }

    [Fact]
    public void Reader_SkipsBlankLines()
    {
        var records = ReadAll("a,b\n\n\r\nc,d\n");

        Assert.Equal(2, records.Count);
        Assert.Equal(["c", "d"], records[1]);
    }

    [Fact]
    public void Reader_ReadsLastLineWithoutBreak()
    {
        var records = ReadAll("a,b\nc,d");

        Assert.Equal(2, records.Count);
        Assert.Equal(["c", "d"], records[1]);
    }

    [Fact]
    public void Reader_KeepsQuotedEmptyFieldAsRecord()
    {
        var records = ReadAll("\"\"\n");

        Assert.Single(records);
        Assert.Equal([""], records[0]);
    }

    [Fact]
    public void Reader_FlagsUnterminatedQuoteAtEnd()
    {
        var reader = new CsvRecordReader(new StringReader("a,\"open"));

        Assert.True(reader.ReadRecord());
        Assert.True(reader.HasUnterminatedQuote);
        Assert.Equal("open", reader[1].ToString());
    }

    [Fact]
    public void Reader_ReturnsEmptySpanBeyondLastField()
    {
        var reader = new CsvRecordReader(new StringReader("a,b\n"));

        Assert.True(reader.ReadRecord());
        Assert.True(reader[5].IsEmpty);
    }

    [Fact]
    public void Reader_RejectsRecordLongerThanLimit()
    {
        var text = "\"" + new string('x', CsvRecordReader.MaxRecordLength + 1);
        var reader = new CsvRecordReader(new StringReader(text));

        var error = Assert.Throws<InvalidDataException>(() => reader.ReadRecord());
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reader_ReadsRecordsAcrossBufferBoundaries()
    {
        var line = string.Join(',', Enumerable.Range(0, 30).Select(i => $"field{i}"));
        var text = string.Concat(Enumerable.Repeat(line + "\r\n", 5_000));

        var records = ReadAll(text);

        Assert.Equal(5_000, records.Count);
        Assert.All(records, record => Assert.Equal(30, record.Length));
        Assert.All(records, record => Assert.Equal("field29", record[29]));
    }
}
