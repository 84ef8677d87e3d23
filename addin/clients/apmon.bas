Attribute VB_Name = "apmon"
' apmon for Excel desktop (Windows and Mac) where the Office.js add-in cannot be deployed:
' the macros ApmonValidate (Proveri), ApmonSubmit (Dostavi) and ApmonConsolidate (Objedini)
' send the workbook to the apmon server with xlwings' RunServerPython and apply its answer.
'
' RunServerPython is not in this module: import, into the same VBA project, the xlwings 0.37.8
' standalone module and its server client, all from the installed xlwings package
' (python -c "import xlwings, os; print(os.path.dirname(xlwings.__file__))"):
'   xlwings.bas, addin\Dictionary.cls, addin\Remote.bas, addin\WebClient.cls, addin\WebRequest.cls,
'   addin\WebResponse.cls, addin\WebHelpers.bas, addin\IWebAuthenticator.cls
' then this file, and save as .xlsm, or once as an .xlam add-in that works on whichever report is
' active (docs/addin.md, "Excel desktop with VBA").
' The xlwings version must be the server's (0.37.8): the server refuses another client version.
'
' RunServerPython(url, [auth], [apiKey], [include], [exclude], [headers], [timeout], [proxyServer],
'   [proxyBypassList], [proxyUsername], [proxyPassword], [enableAutoProxy], [insecure], [followRedirects])
' sends "Authorization: <auth>"; apmon expects "Bearer <token>".
'
' The token: ApmonSetToken keeps it for the current Windows/Mac user (GetSetting/SaveSetting), not in
' the workbook, because the workbook travels (e-mail, shared folders) and every cell goes to the server.
' A custom document property "apmon_token" is read only when no token is set for the user.
'
' Replace https://apmon.example.gov.rs below with the ministry's apmon address.
Option Explicit

Private Const APMON_BASE_URL As String = "https://apmon.example.gov.rs"
Private Const APMON_TOKEN_PROPERTY As String = "apmon_token"
Private Const APMON_SETTINGS_APP As String = "apmon"
Private Const APMON_SETTINGS_SECTION As String = "auth"
Private Const APMON_SETTINGS_KEY As String = "token"
Private Const APMON_MERGED_HEADER As String = "X-Apmon-Merged"
' The actions this module applies beyond Remote.bas' own (below): an older module names fewer or none (the header left
' out), and Consolidate sends it only those it names
Private Const APMON_ACTIONS_HEADER As String = "X-Apmon-Actions"
Private Const APMON_MERGED_LIMIT As Long = 6000 ' characters: about 500 merged ranges, well inside a header's limit

Public Sub ApmonValidate()
    ApmonCall "validate", 60000
End Sub

Public Sub ApmonSubmit()
    ApmonCall "submit", 60000
End Sub

Public Sub ApmonConsolidate()
    ApmonCall "consolidate", 300000
End Sub

Public Sub ApmonSetToken()
    Dim token As String
    token = Trim$(InputBox("Nalepite token koji ste dobili od administratora." & vbLf & _
        "Paste the token you were given by the administrator.", "apmon"))
    If token = "" Then Exit Sub
    SaveSetting APMON_SETTINGS_APP, APMON_SETTINGS_SECTION, APMON_SETTINGS_KEY, token
    MsgBox "Token je sacuvan za ovog korisnika. / The token is saved for this user.", vbInformation, "apmon"
End Sub

Public Sub ApmonRemoveToken()
    On Error Resume Next
    DeleteSetting APMON_SETTINGS_APP, APMON_SETTINGS_SECTION, APMON_SETTINGS_KEY
    On Error GoTo 0
    MsgBox "Token je uklonjen. / The token is removed.", vbInformation, "apmon"
End Sub

Private Function ApmonToken() As String
    Dim token As String
    token = GetSetting(APMON_SETTINGS_APP, APMON_SETTINGS_SECTION, APMON_SETTINGS_KEY, "")
    If token = "" Then
        On Error Resume Next
        token = CStr(ActiveWorkbook.CustomDocumentProperties(APMON_TOKEN_PROPERTY).Value)
        On Error GoTo 0
    End If
    ApmonToken = Trim$(token)
End Function

Private Sub ApmonCall(endpoint As String, timeoutMs As Long)
    Dim token As String
    token = ApmonToken()
    If token = "" Then
        MsgBox "Token nije postavljen: pokrenite makro ApmonSetToken. / No token yet: run the macro ApmonSetToken.", _
            vbExclamation, "apmon"
        Exit Sub
    End If
    Dim headers As New Dictionary
    headers.Add APMON_ACTIONS_HEADER, "rangeMerge,rangeUnmerge,setWrapText,setRowHeight"
    Dim merged As String
    merged = ApmonMergedRanges(ActiveWorkbook)
    If merged <> "" Then headers.Add APMON_MERGED_HEADER, merged
    RunServerPython APMON_BASE_URL & "/xlwings/custom-scripts-call/" & endpoint, _
        auth:="Bearer " & token, headers:=headers, timeout:=timeoutMs
End Sub

' Merged cells keep only their first cell's value: the server names an input cell merged under another only if
' told which cells are merged. RunServerPython sends values only, so they go in a header: "<sheet position>!<range>"
' joined by commas, the position as in RunServerPython's payload (wb.Worksheets, from 0). Cut short so the header
' stays small.
Private Function ApmonMergedRanges(wb As Workbook) As String
    Dim i As Long
    Dim cell As Range
    Dim someMerged As Variant
    Dim found As String
    Dim entry As String
    For i = 1 To wb.Worksheets.Count
        someMerged = wb.Worksheets(i).UsedRange.MergeCells ' True: all of it, Null: some, False: none
        If IsNull(someMerged) Then someMerged = True
        If someMerged Then
            For Each cell In wb.Worksheets(i).UsedRange.Cells
                If cell.MergeCells Then
                    If cell.Address = cell.MergeArea.Cells(1, 1).Address Then
                        entry = CStr(i - 1) & "!" & cell.MergeArea.Address(False, False)
                        If Len(found) + Len(entry) + 1 > APMON_MERGED_LIMIT Then
                            ApmonMergedRanges = found
                            Exit Function
                        End If
                        If found <> "" Then found = found & ","
                        found = found & entry
                    End If
                End If
            Next
        End If
    Next
    ApmonMergedRanges = found
End Function

' Actions xlwings' remote engine has but its VBA client (Remote.bas) does not apply: Remote.bas runs each action by
' its name (Application.Run), so these procedures, public and named as the actions are, apply them. Consolidate
' sends them for a long line above a table (A2): merged over the columns a screen shows, wrapped, its row as tall as
' its lines, as `apmon sync run` writes the master.
Public Sub rangeMerge(wb As Workbook, action As Dictionary)
    GetRange(wb, action).Merge CBool(action("args")(1))
End Sub

' A short line an earlier Consolidate merged when it was long
Public Sub rangeUnmerge(wb As Workbook, action As Dictionary)
    GetRange(wb, action).UnMerge
End Sub

Public Sub setWrapText(wb As Workbook, action As Dictionary)
    GetRange(wb, action).WrapText = CBool(action("args")(1))
End Sub

Public Sub setRowHeight(wb As Workbook, action As Dictionary)
    GetRange(wb, action).RowHeight = CDbl(action("args")(1))
End Sub
