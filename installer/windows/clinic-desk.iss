; Clinic Desk setup for Windows (Inno Setup 6.3 or newer). Built by `py installer\build --package`, which passes:
;   /DAppVersion=0.1.0  /DBundleDir=...\dist\ClinicDesk  /O<output folder>
; and has made build\icons\clinic-desk.ico from resources\icons\clinic-desk.svg.
;
; Per-machine install into Program Files, Start-menu and desktop shortcuts, an optional page that points
; the workstation at the clinic's shared PostgreSQL server (written to ProgramData\ClinicDesk\settings.json,
; which the app reads for every user: app/settings.py), and an uninstaller that keeps the clinic's data
; unless the person asks to delete it. Installing a newer version over an older one replaces the program
; only: the new version upgrades the database on its first start, after a backup.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\ClinicDesk"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\clinic-desk.ico"
#endif

[Setup]
; Never change AppId: Windows finds the installed version (for updates and uninstall) by it.
AppId={{6B1E8C2D-6F0A-4B8E-9C51-3C7D2A9F4E10}
AppName=Clinic Desk
AppVersion={#AppVersion}
AppVerName=Clinic Desk {#AppVersion}
AppPublisher=Clinic Desk
DefaultDirName={autopf}\Clinic Desk
DefaultGroupName=Clinic Desk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\ClinicDesk.exe
UninstallDisplayName=Clinic Desk
OutputBaseFilename=ClinicDesk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running Clinic Desk holds its files open: ask to close it rather than fail halfway.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
UsePreviousLanguage=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"
; Korean, Simplified Chinese and Romanian are used when the Inno Setup installation has them
; (put their .isl files from its translations page into its Languages folder; without them: English, Russian).
#if FileExists(CompilerPath + "Languages\Korean.isl")
  #define HaveKorean
Name: "korean"; MessagesFile: "compiler:Languages\Korean.isl"
#endif
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
  #define HaveChinese
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif
#if FileExists(CompilerPath + "Languages\Romanian.isl")
  #define HaveRomanian
Name: "romanian"; MessagesFile: "compiler:Languages\Romanian.isl"
#endif

[CustomMessages]
english.DatabaseCaption=Where the clinic's data is kept
english.DatabaseDescription=Choose how this workstation stores its data.
english.LocalDatabase=On this computer only (one workstation)
english.SharedServer=On the clinic's PostgreSQL server (several workstations)
english.KeepSettings=Keep this computer's current database settings
english.ServerCaption=The clinic's PostgreSQL server
english.ServerDescription=Ask whoever set up the server for these details. They are saved for every user of this computer.
english.ServerHost=Server name or address:
english.ServerPort=Port:
english.ServerDatabase=Database name:
english.ServerUser=User name:
english.ServerPassword=Password:
english.AuditKey=Audit key of the first workstation (leave empty on the first one):
english.MissingField=Please fill in the server, port, database and user.
english.BadPort=The port must be a number between 1 and 65535.
english.BadAuditKey=The audit key is 64 characters, digits 0-9 and letters a-f, as the first workstation shows it.
english.ServerUnreachable=Clinic Desk could not open the database on %1 with these details. The settings were saved; check the server, the user name and the password, then start Clinic Desk.
english.DeleteData=Also delete this user's clinic data, backups and settings, and this computer's shared settings?%n%nChoose No to keep them (a later installation will find them again). Data of other Windows users of this computer is never deleted.
english.DesktopShortcut=Create a desktop shortcut
english.SelfTest=Check the installation (runs a short self-test)
russian.DatabaseCaption=Где хранятся данные клиники
russian.DatabaseDescription=Выберите, как этот компьютер хранит данные.
russian.LocalDatabase=Только на этом компьютере (одно рабочее место)
russian.SharedServer=На сервере PostgreSQL клиники (несколько рабочих мест)
russian.KeepSettings=Оставить текущие настройки базы данных этого компьютера
russian.ServerCaption=Сервер PostgreSQL клиники
russian.ServerDescription=Эти данные сообщит тот, кто настраивал сервер. Они сохраняются для всех пользователей компьютера.
russian.ServerHost=Имя или адрес сервера:
russian.ServerPort=Порт:
russian.ServerDatabase=Имя базы данных:
russian.ServerUser=Имя пользователя:
russian.ServerPassword=Пароль:
russian.AuditKey=Ключ журнала аудита первого рабочего места (на первом оставьте пустым):
russian.MissingField=Заполните сервер, порт, базу данных и пользователя.
russian.BadPort=Порт — число от 1 до 65535.
russian.BadAuditKey=Ключ аудита — 64 символа: цифры 0–9 и буквы a–f, как его показывает первое рабочее место.
russian.ServerUnreachable=Clinic Desk не удалось открыть базу данных на %1 с этими данными. Настройки сохранены; проверьте сервер, имя пользователя и пароль, затем запустите Clinic Desk.
russian.DeleteData=Удалить также данные клиники, резервные копии и настройки этого пользователя и общие настройки компьютера?%n%nВыберите «Нет», чтобы сохранить их (следующая установка найдёт их снова). Данные других пользователей Windows на этом компьютере не удаляются.
russian.DesktopShortcut=Создать ярлык на рабочем столе
russian.SelfTest=Проверить установку (короткая самопроверка)
#ifdef HaveKorean
korean.DatabaseCaption=병원 데이터 보관 위치
korean.DatabaseDescription=이 컴퓨터가 데이터를 어디에 보관할지 선택하세요.
korean.LocalDatabase=이 컴퓨터에만 (단독 사용)
korean.SharedServer=병원 PostgreSQL 서버에 (여러 대에서 사용)
korean.KeepSettings=이 컴퓨터의 현재 데이터베이스 설정 유지
korean.ServerCaption=병원 PostgreSQL 서버
korean.ServerDescription=서버를 설치한 담당자에게 아래 정보를 받으세요. 이 컴퓨터의 모든 사용자에게 적용됩니다.
korean.ServerHost=서버 이름 또는 주소:
korean.ServerPort=포트:
korean.ServerDatabase=데이터베이스 이름:
korean.ServerUser=사용자 이름:
korean.ServerPassword=비밀번호:
korean.AuditKey=첫 번째 컴퓨터의 감사 키 (첫 번째 컴퓨터에서는 비워 두세요):
korean.MissingField=서버, 포트, 데이터베이스, 사용자를 모두 입력하세요.
korean.BadPort=포트는 1에서 65535 사이의 숫자입니다.
korean.BadAuditKey=감사 키는 첫 번째 컴퓨터에 표시된 64자(숫자 0-9, 영문 a-f)입니다.
korean.ServerUnreachable=입력한 정보로 %1의 데이터베이스를 열 수 없습니다. 설정은 저장되었습니다. 서버, 사용자 이름, 비밀번호를 확인한 뒤 Clinic Desk를 시작하세요.
korean.DeleteData=이 사용자의 병원 데이터, 백업, 설정과 이 컴퓨터의 공용 설정도 삭제할까요?%n%n보관하려면 '아니요'를 누르세요(다시 설치하면 그대로 사용됩니다). 이 컴퓨터의 다른 Windows 사용자 데이터는 삭제되지 않습니다.
korean.DesktopShortcut=바탕 화면에 바로 가기 만들기
korean.SelfTest=설치 점검 실행 (짧은 자가 점검)
#endif
#ifdef HaveChinese
chinesesimplified.DatabaseCaption=诊所数据的存放位置
chinesesimplified.DatabaseDescription=请选择本机如何保存数据。
chinesesimplified.LocalDatabase=仅保存在本机（单台工作站）
chinesesimplified.SharedServer=保存在诊所的 PostgreSQL 服务器上（多台工作站）
chinesesimplified.KeepSettings=保留本机当前的数据库设置
chinesesimplified.ServerCaption=诊所的 PostgreSQL 服务器
chinesesimplified.ServerDescription=请向搭建服务器的人员索取以下信息。设置对本机所有用户生效。
chinesesimplified.ServerHost=服务器名称或地址：
chinesesimplified.ServerPort=端口：
chinesesimplified.ServerDatabase=数据库名称：
chinesesimplified.ServerUser=用户名：
chinesesimplified.ServerPassword=密码：
chinesesimplified.AuditKey=第一台工作站的审计密钥（第一台请留空）：
chinesesimplified.MissingField=请填写服务器、端口、数据库和用户名。
chinesesimplified.BadPort=端口必须是 1 到 65535 之间的数字。
chinesesimplified.BadAuditKey=审计密钥为 64 个字符（数字 0-9 和字母 a-f），以第一台工作站显示的为准。
chinesesimplified.ServerUnreachable=无法使用这些信息打开 %1 上的数据库。设置已保存；请检查服务器、用户名和密码，然后启动 Clinic Desk。
chinesesimplified.DeleteData=是否同时删除此用户的诊所数据、备份和设置，以及本机的共享设置？%n%n选择“否”将保留它们（以后重新安装时仍可使用）。本机其他 Windows 用户的数据不会被删除。
chinesesimplified.DesktopShortcut=创建桌面快捷方式
chinesesimplified.SelfTest=检查安装（运行简短自检）
#endif
#ifdef HaveRomanian
romanian.DatabaseCaption=Unde sunt păstrate datele clinicii
romanian.DatabaseDescription=Alegeți cum păstrează datele această stație de lucru.
romanian.LocalDatabase=Doar pe acest calculator (o singură stație)
romanian.SharedServer=Pe serverul PostgreSQL al clinicii (mai multe stații)
romanian.KeepSettings=Păstrează setările actuale ale bazei de date de pe acest calculator
romanian.ServerCaption=Serverul PostgreSQL al clinicii
romanian.ServerDescription=Cereți aceste date celui care a configurat serverul. Se salvează pentru toți utilizatorii acestui calculator.
romanian.ServerHost=Numele sau adresa serverului:
romanian.ServerPort=Port:
romanian.ServerDatabase=Numele bazei de date:
romanian.ServerUser=Utilizator:
romanian.ServerPassword=Parolă:
romanian.AuditKey=Cheia de audit a primei stații (lăsați gol pe prima):
romanian.MissingField=Completați serverul, portul, baza de date și utilizatorul.
romanian.BadPort=Portul trebuie să fie un număr între 1 și 65535.
romanian.BadAuditKey=Cheia de audit are 64 de caractere (cifre 0-9 și litere a-f), așa cum o arată prima stație.
romanian.ServerUnreachable=Clinic Desk nu a putut deschide baza de date de pe %1 cu aceste date. Setările au fost salvate; verificați serverul, utilizatorul și parola, apoi porniți Clinic Desk.
romanian.DeleteData=Ștergeți și datele clinicii, copiile de siguranță și setările acestui utilizator, precum și setările comune ale calculatorului?%n%nAlegeți Nu pentru a le păstra (o instalare ulterioară le va găsi din nou). Datele altor utilizatori Windows ai acestui calculator nu se șterg niciodată.
romanian.DesktopShortcut=Creează o scurtătură pe desktop
romanian.SelfTest=Verifică instalarea (un scurt autotest)
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopShortcut}"

[InstallDelete]
; The previous version's libraries: a module left over from an older bundle must never be loaded.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Clinic Desk"; Filename: "{app}\ClinicDesk.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Clinic Desk"; Filename: "{app}\ClinicDesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; cmd strips the outer quotes of what follows /k: the whole command line is quoted once more.
Filename: "{cmd}"; Parameters: "/k """"{app}\clinic-desk-cli.exe"" --self-test"""; Description: "{cm:SelfTest}"; Flags: postinstall unchecked
Filename: "{app}\ClinicDesk.exe"; Description: "{cm:LaunchProgram,Clinic Desk}"; Flags: postinstall nowait skipifsilent

[UninstallDelete]
; Only what the program itself leaves in its folder (Python's caches); the clinic's data is elsewhere.
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
var
  StoragePage: TInputOptionWizardPage;
  ServerPage: TInputQueryWizardPage;

function MachineSettingsFile: String;
begin
  Result := ExpandConstant('{commonappdata}\ClinicDesk\settings.json');
end;

function SharedServerChosen: Boolean;
begin
  Result := StoragePage.Values[1];
end;

function LocalDatabaseChosen: Boolean;
begin
  Result := StoragePage.Values[0];
end;

procedure InitializeWizard;
begin
  StoragePage := CreateInputOptionPage(wpSelectTasks, CustomMessage('DatabaseCaption'),
    CustomMessage('DatabaseDescription'), '', True, False);
  StoragePage.Add(CustomMessage('LocalDatabase'));
  StoragePage.Add(CustomMessage('SharedServer'));
  if FileExists(MachineSettingsFile) then
  begin
    { An update: keep the server this computer already uses unless the person changes it. }
    StoragePage.Add(CustomMessage('KeepSettings'));
    StoragePage.Values[2] := True;
  end
  else
    StoragePage.Values[0] := True;

  ServerPage := CreateInputQueryPage(StoragePage.ID, CustomMessage('ServerCaption'),
    CustomMessage('ServerDescription'), '');
  ServerPage.Add(CustomMessage('ServerHost'), False);
  ServerPage.Add(CustomMessage('ServerPort'), False);
  ServerPage.Add(CustomMessage('ServerDatabase'), False);
  ServerPage.Add(CustomMessage('ServerUser'), False);
  ServerPage.Add(CustomMessage('ServerPassword'), True);
  ServerPage.Add(CustomMessage('AuditKey'), False);
  ServerPage.Values[1] := '5432';
  ServerPage.Values[2] := 'clinic';
  ServerPage.Values[3] := 'clinic';
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := (PageID = ServerPage.ID) and not SharedServerChosen;
end;

function IsHexKey(const Key: String): Boolean;
var
  I: Integer;
begin
  Result := Length(Key) = 64;
  for I := 1 to Length(Key) do
    if Pos(Key[I], '0123456789abcdef') = 0 then
      Result := False;
end;

function NextButtonClick(CurPageID: Integer): Boolean;
var
  Port: Integer;
begin
  Result := True;
  if CurPageID <> ServerPage.ID then
    Exit;
  if (Trim(ServerPage.Values[0]) = '') or (Trim(ServerPage.Values[1]) = '') or
     (Trim(ServerPage.Values[2]) = '') or (Trim(ServerPage.Values[3]) = '') then
  begin
    MsgBox(CustomMessage('MissingField'), mbError, MB_OK);
    Result := False;
    Exit;
  end;
  Port := StrToIntDef(Trim(ServerPage.Values[1]), 0);
  if (Port < 1) or (Port > 65535) then
  begin
    MsgBox(CustomMessage('BadPort'), mbError, MB_OK);
    Result := False;
    Exit;
  end;
  ServerPage.Values[5] := Lowercase(Trim(ServerPage.Values[5]));
  if (ServerPage.Values[5] <> '') and not IsHexKey(ServerPage.Values[5]) then
  begin
    MsgBox(CustomMessage('BadAuditKey'), mbError, MB_OK);
    Result := False;
  end;
end;

{ Percent-encodes a user name or password for the database URL (RFC 3986 unreserved characters stay). }
function UrlEncode(const Text: String): String;
var
  I, J: Integer;
  Bytes: AnsiString;
begin
  Result := '';
  Bytes := Utf8Encode(Text);
  for I := 1 to Length(Bytes) do
  begin
    J := Ord(Bytes[I]);
    if ((J >= Ord('A')) and (J <= Ord('Z'))) or ((J >= Ord('a')) and (J <= Ord('z'))) or
       ((J >= Ord('0')) and (J <= Ord('9'))) or (Bytes[I] = '-') or (Bytes[I] = '.') or
       (Bytes[I] = '_') or (Bytes[I] = '~') then
      Result := Result + Chr(J)
    else
      Result := Result + '%' + Format('%.2x', [J]);
  end;
end;

function JsonString(const Text: String): String;
begin
  Result := Text;
  StringChangeEx(Result, '\', '\\', True);
  StringChangeEx(Result, '"', '\"', True);
  Result := '"' + Result + '"';
end;

function ServerUrl: String;
begin
  Result := 'postgresql+psycopg://' + UrlEncode(Trim(ServerPage.Values[3]));
  if ServerPage.Values[4] <> '' then
    Result := Result + ':' + UrlEncode(ServerPage.Values[4]);
  Result := Result + '@' + Trim(ServerPage.Values[0]) + ':' + Trim(ServerPage.Values[1]) + '/' +
    UrlEncode(Trim(ServerPage.Values[2]));
end;

{ The machine's settings file (app/settings.py reads it before each user's own). }
procedure WriteMachineSettings;
var
  Folder: String;
  ResultCode: Integer;
begin
  Folder := ExpandConstant('{commonappdata}\ClinicDesk');
  ForceDirectories(Folder);
  SaveStringToUTF8File(MachineSettingsFile,
    '{' + #13#10 + '  "database_url": ' + JsonString(ServerUrl) + #13#10 + '}' + #13#10, False);
  if ServerPage.Values[5] <> '' then
    SaveStringToFile(Folder + '\audit.key', ServerPage.Values[5] + #13#10, False);
  { Only administrators (and SYSTEM) may change these files; users of the PC may read them. }
  Exec(ExpandConstant('{sys}\icacls.exe'), '"' + Folder + '" /inheritance:r /grant:r *S-1-5-32-544:(OI)(CI)F ' +
    '*S-1-5-18:(OI)(CI)F *S-1-5-32-545:(OI)(CI)RX', '', SW_HIDE, ewWaitUntilTerminated, ResultCode);
  if not Exec(ExpandConstant('{app}\clinic-desk-cli.exe'), '--version', '', SW_HIDE,
              ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
    if not WizardSilent then
      MsgBox(FmtMessage(CustomMessage('ServerUnreachable'), [Trim(ServerPage.Values[0])]), mbInformation, MB_OK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep <> ssPostInstall then
    Exit;
  if SharedServerChosen then
    WriteMachineSettings
  else if LocalDatabaseChosen then
    DeleteFile(MachineSettingsFile);
end;

{ Uninstall keeps the clinic's data unless the person says otherwise (or /PURGEDATA is given silently). }
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Purge: Boolean;
begin
  if CurUninstallStep <> usPostUninstall then
    Exit;
  if UninstallSilent then
    Purge := Pos('/PURGEDATA', Uppercase(GetCmdTail)) > 0
  else
    Purge := MsgBox(CustomMessage('DeleteData'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if Purge then
  begin
    DelTree(ExpandConstant('{localappdata}\ClinicDesk'), True, True, True);
    DelTree(ExpandConstant('{commonappdata}\ClinicDesk'), True, True, True);
  end;
end;
