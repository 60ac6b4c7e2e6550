using System.Globalization;
using System.Text;
using Tuner.Shared.Hyperparameters;

namespace Tuner.Coordinator.Reporting;

/// <summary>
/// results.csv as RFC 4180 describes it (header row, CRLF, fields quoted when they hold a comma, quote or line break,
/// invariant culture, UTF-8 without a byte order mark) so that pandas.read_csv and spreadsheets read it unchanged.
/// </summary>
public static class ResultsCsv
{
    public static string Write(IReadOnlyList<ResultRow> rows)
    {
        var hyperparameters = ResultRow.HyperparameterColumns(rows);
        var text = new StringBuilder();
        AppendRecord(text, [.. ResultRow.FixedColumns, .. hyperparameters]);
        foreach (var row in rows)
        {
            AppendRecord(text, [.. Cells(row), .. hyperparameters.Select(name =>
                row.Hyperparameters.Values.TryGetValue(name, out var value) ? HyperparameterCell.Format(value) : "")]);
        }
        return text.ToString();
    }

    public static IReadOnlyList<ResultRow> Read(string text)
    {
        var records = Records(text);
        if (records.Count == 0)
        {
            throw new FormatException("results CSV is empty; expected a header row starting with " + string.Join(",", ResultRow.FixedColumns));
        }
        var header = records[0].Cells;
        if (header.Count < ResultRow.FixedColumns.Count || !header.Take(ResultRow.FixedColumns.Count).SequenceEqual(ResultRow.FixedColumns))
        {
            throw new FormatException(
                $"results CSV header must start with {string.Join(",", ResultRow.FixedColumns)}, not {string.Join(",", header)}; write it with ResultsCsv.Write");
        }
        var hyperparameters = header.Skip(ResultRow.FixedColumns.Count).ToArray();
        return [.. records.Skip(1).Select(record => Row(record, header.Count, hyperparameters))];
    }

    private static string[] Cells(ResultRow row) =>
    [
        row.Study, Whole(row.TrialId), Whole(row.Bracket), Whole(row.Rung), Whole(row.FromEpoch), Whole(row.ToEpoch),
        row.WorkerId, row.Status.ToText(), Real(row.ValidationAccuracy), Real(row.ValidationLoss), Real(row.Accuracy),
        Real(row.Loss), Real(row.Seconds), row.Promoted ? "true" : "false",
    ];

    private static ResultRow Row((int Line, List<string> Cells) record, int width, string[] hyperparameters)
    {
        var (line, cells) = record;
        if (cells.Count != width)
        {
            throw new FormatException($"results CSV line {line} has {cells.Count} fields but the header has {width}; quote fields that hold commas");
        }
        try
        {
            var values = hyperparameters
                .Select((name, i) => (name, cell: cells[ResultRow.FixedColumns.Count + i]))
                .Where(pair => pair.cell.Length > 0)
                .Aggregate(HyperparameterSet.Empty, (set, pair) => set.With(pair.name, HyperparameterCell.Parse(pair.cell)));
            return new ResultRow(
                cells[0], ParseWhole(cells[1]), ParseWhole(cells[2]), ParseWhole(cells[3]), ParseWhole(cells[4]), ParseWhole(cells[5]),
                cells[6], TrialEndText.Parse(cells[7]), ParseReal(cells[8]), ParseReal(cells[9]), ParseReal(cells[10]),
                ParseReal(cells[11]), ParseReal(cells[12]) ?? 0, bool.Parse(cells[13]), values);
        }
        catch (FormatException e)
        {
            throw new FormatException($"results CSV line {line}: {e.Message}", e);
        }
    }

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Real(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static int ParseWhole(string cell) => int.Parse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static double? ParseReal(string cell) =>
        cell.Length == 0 ? null : double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void AppendRecord(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Quote));
        text.Append("\r\n");
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    /// <summary>Splits RFC 4180 text into records of fields; a quoted field may hold commas, quotes and line breaks.</summary>
    private static List<(int Line, List<string> Cells)> Records(string text)
    {
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && cell.Length == 0)
            {
                i = ReadQuoted(text, i + 1, cell, ref line);
                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"results CSV line {line}: text after a closing quote; double quotes inside a quoted field");
                }
                continue;
            }
            if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                records.Add((recordLine, cells));
                cells = [];
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                recordLine = ++line;
            }
            else
            {
                cell.Append(c);
            }
            i++;
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add((recordLine, cells));
        }
        return records;
    }

    private static int ReadQuoted(string text, int i, StringBuilder cell, ref int line)
    {
        var opened = line;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            line += text[i] == '\n' ? 1 : 0;
            cell.Append(text[i]);
            i++;
        }
        throw new FormatException($"results CSV line {opened}: a quoted field is never closed; end it with a double quote");
    }
}
