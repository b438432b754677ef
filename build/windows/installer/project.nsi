Unicode true

## Roster's Windows installer. `wails build -platform windows/amd64 -nsis`
## (which ./scripts/package runs) generates wails_tools.nsh beside this file
## from wails.json (name, publisher, copyright, version) and calls makensis
## with -DARG_WAILS_AMD64_BINARY=<the exe>.
!define INFO_PROJECTNAME "roster"
!define PRODUCT_EXECUTABLE "roster.exe"
!define UNINST_KEY_NAME "Roster"
!include "wails_tools.nsh"

# Windows wants four numbers: 1.2.3 and 1.2.3-rc.1 and 0.0.0-dev+abc give
# 1.2.3.0, 1.2.3.0 and 0.0.0.0; the full version stays in the strings.
!searchparse /noerrors "${INFO_PRODUCTVERSION}" "" V_MAJOR "." V_MINOR "." V_PATCH
!searchparse /noerrors "${V_PATCH}" "" V_PATCH "-"
!searchparse /noerrors "${V_PATCH}" "" V_PATCH "+"
VIProductVersion "${V_MAJOR}.${V_MINOR}.${V_PATCH}.0"
VIFileVersion    "${V_MAJOR}.${V_MINOR}.${V_PATCH}.0"

VIAddVersionKey "CompanyName"     "${INFO_COMPANYNAME}"
VIAddVersionKey "FileDescription" "${INFO_PRODUCTNAME} Installer"
VIAddVersionKey "ProductVersion"  "${INFO_PRODUCTVERSION}"
VIAddVersionKey "FileVersion"     "${INFO_PRODUCTVERSION}"
VIAddVersionKey "LegalCopyright"  "${INFO_COPYRIGHT}"
VIAddVersionKey "ProductName"     "${INFO_PRODUCTNAME}"

ManifestDPIAware true

!include "MUI.nsh"

!define MUI_ICON "..\icon.ico"
!define MUI_UNICON "..\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${PRODUCT_EXECUTABLE}"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${INFO_PRODUCTNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

Name "${INFO_PRODUCTNAME}"
BrandingText "${INFO_PRODUCTNAME} ${INFO_PRODUCTVERSION}"
OutFile "..\..\bin\roster-${INFO_PRODUCTVERSION}-windows-${ARCH}-installer.exe"
InstallDir "$PROGRAMFILES64\${INFO_PRODUCTNAME}"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

Function .onInit
   !insertmacro wails.checkArchitecture
FunctionEnd

Section
    !insertmacro wails.setShellContext
    # WebView2 draws the window: the bootstrapper installs it if missing.
    !insertmacro wails.webview2runtime

    SetOutPath $INSTDIR
    !insertmacro wails.files

    CreateShortcut "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"
    CreateShortCut "$DESKTOP\${INFO_PRODUCTNAME}.lnk" "$INSTDIR\${PRODUCT_EXECUTABLE}"

    !insertmacro wails.writeUninstaller
    WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKLM "${UNINST_KEY}" "Comments" "Uninstalling keeps your databases in %AppData%\Roster"
SectionEnd

Section "uninstall"
    !insertmacro wails.setShellContext

    # WebView2's cache for this exe. The databases in %AppData%\Roster are
    # the admins' data, not the program's: they stay.
    RMDir /r "$AppData\${PRODUCT_EXECUTABLE}"

    Delete "$INSTDIR\${PRODUCT_EXECUTABLE}"
    RMDir /r $INSTDIR

    Delete "$SMPROGRAMS\${INFO_PRODUCTNAME}.lnk"
    Delete "$DESKTOP\${INFO_PRODUCTNAME}.lnk"

    !insertmacro wails.deleteUninstaller
SectionEnd
