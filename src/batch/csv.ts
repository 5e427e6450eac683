/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and newlines inside quotes,
 * CRLF or LF. Returns rows with the 1-based line each row starts on, for error messages.
 */
export function parseCsv(text: string): Array<{line: number; cells: string[]}> {
  const rows: Array<{line: number; cells: string[]}> = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  let fieldStarted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (char === '"') {
        quoted = false
      } else {
        if (char === '\n') line++
        cell += char
      }

      continue
    }

    if (char === '"' && !fieldStarted) {
      quoted = true
      fieldStarted = true
    } else if (char === ',') {
      cells.push(cell)
      cell = ''
      fieldStarted = false
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      cells.push(cell)
      if (cells.some((c) => c !== '')) rows.push({line: rowLine, cells})
      cells = []
      cell = ''
      fieldStarted = false
      line++
      rowLine = line
    } else {
      cell += char
      fieldStarted = true
    }
  }

  cells.push(cell)
  if (cells.some((c) => c !== '')) rows.push({line: rowLine, cells})
  return rows
}
