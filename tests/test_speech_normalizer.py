# Copyright 2026 Party Handbook Developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The normalizer of party texts (issue #15): a table of real phrases
(the Party Statute's articles and chapters, QĐ 294-QĐ/TW, HD 42-HD/BTCTW,
QĐ 01-QĐ/TW on party fees, ../shared/REGULATIONS.md, the demo documents of
party_handbook/demo/) with the spoken form a Vietnamese reader gives them,
and the edge cases of the number rules.

The module is loaded by its file path: importing the party_handbook package
would import Odoo (Python 3.7 only), and the normalizer is pure Python."""
import importlib.util
import os
import re

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(os.path.dirname(HERE), "party_handbook", "speech",
                    "normalizer.py")
SPEC = importlib.util.spec_from_file_location("party_speech_normalizer", PATH)
normalizer = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(normalizer)
normalize = normalizer.normalize

# (written, spoken)
PHRASES = [
    ('Điều 1. Đảng viên Đảng Cộng sản Việt Nam là chiến sĩ cách mạng trong '
     'đội tiên phong của giai cấp công nhân',
     'Điều một. Đảng viên Đảng Cộng sản Việt Nam là chiến sĩ cách mạng trong'
     ' đội tiên phong của giai cấp công nhân.'),
    ('Điều 2. Đảng viên có bốn quyền',
     'Điều hai. Đảng viên có bốn quyền.'),
    ('Điều 10. Hệ thống tổ chức của Đảng được lập tương ứng với hệ thống tổ '
     'chức hành chính của Nhà nước',
     'Điều mười. Hệ thống tổ chức của Đảng được lập tương ứng với hệ thống '
     'tổ chức hành chính của Nhà nước.'),
    ('Điều 21. Tổ chức cơ sở đảng',
     'Điều hai mươi mốt. Tổ chức cơ sở đảng.'),
    ('Điều 24. Tổ chức đảng trong Quân đội nhân dân Việt Nam',
     'Điều hai mươi tư. Tổ chức đảng trong Quân đội nhân dân Việt Nam.'),
    ('Điều 25. Tổ chức đảng trong Công an nhân dân Việt Nam',
     'Điều hai mươi lăm. Tổ chức đảng trong Công an nhân dân Việt Nam.'),
    ('Chương I. ĐẢNG VIÊN',
     'Chương một. đảng viên.'),
    ('Chương II. NGUYÊN TẮC TỔ CHỨC VÀ CƠ CẤU TỔ CHỨC CỦA ĐẢNG',
     'Chương hai. nguyên tắc tổ chức và cơ cấu tổ chức của đảng.'),
    ('Chương IV. CƠ QUAN LÃNH ĐẠO CỦA ĐẢNG Ở CẤP TỈNH, CẤP HUYỆN',
     'Chương bốn. cơ quan lãnh đạo của đảng ở cấp tỉnh, cấp huyện.'),
    ('Chương V. TỔ CHỨC CƠ SỞ ĐẢNG',
     'Chương năm. tổ chức cơ sở đảng.'),
    ('Chương VII. CÔNG TÁC KIỂM TRA, GIÁM SÁT CỦA ĐẢNG VÀ ỦY BAN KIỂM TRA CÁC CẤP',
     'Chương bảy. công tác kiểm tra, giám sát của đảng và ủy ban kiểm tra các cấp.'),
    ('Chương XII. ĐIỀU KHOẢN THI HÀNH',
     'Chương mười hai. điều khoản thi hành.'),
    ('Phần I. QUY ĐỊNH CHUNG',
     'Phần một. quy định chung.'),
    ('Phần II. NỘI DUNG CỤ THỂ',
     'Phần hai. nội dung cụ thể.'),
    ('Mục 3. Chi bộ',
     'Mục ba. Chi bộ.'),
    ('I. MỤC ĐÍCH, YÊU CẦU',
     'Một. mục đích, yêu cầu.'),
    ('II. NỘI DUNG',
     'Hai. nội dung.'),
    ('III. TỔ CHỨC THỰC HIỆN',
     'Ba. tổ chức thực hiện.'),
    ('IV. ĐIỀU KHOẢN THI HÀNH',
     'Bốn. điều khoản thi hành.'),
    ('1. Đảng viên tham gia sinh hoạt đảng đầy đủ',
     'một. Đảng viên tham gia sinh hoạt đảng đầy đủ.'),
    ('2) Nghị quyết được thông qua khi có quá nửa số đảng viên tán thành',
     'hai, Nghị quyết được thông qua khi có quá nửa số đảng viên tán thành.'),
    ('a) Người từ đủ 18 tuổi đến đủ 60 tuổi',
     'a, Người từ đủ mười tám tuổi đến đủ sáu mươi tuổi.'),
    ('- Các chi bộ quán triệt đến từng đảng viên',
     'Các chi bộ quán triệt đến từng đảng viên.'),
    ('• Sinh hoạt chi bộ định kỳ mỗi tháng một lần',
     'Sinh hoạt chi bộ định kỳ mỗi tháng một lần.'),
    ('Quy định 294-QĐ/TW ngày 26/5/2025 của Ban Chấp hành Trung ương',
     'Quy định hai trăm chín mươi tư, quyết định Trung ương ngày hai mươi '
     'sáu tháng năm năm hai nghìn không trăm hai mươi lăm của Ban Chấp hành '
     'Trung ương.'),
    ('Quy định số 294-QĐ/TW thay thế Quy định số 232-QĐ/TW ngày 20/1/2025',
     'Quy định số hai trăm chín mươi tư, quyết định Trung ương thay thế Quy '
     'định số hai trăm ba mươi hai, quyết định Trung ương ngày hai mươi '
     'tháng một năm hai nghìn không trăm hai mươi lăm.'),
    ('Quy định 24-QĐ/TW năm 2021',
     'Quy định hai mươi tư, quyết định Trung ương năm hai nghìn không trăm '
     'hai mươi mốt.'),
    ('Hướng dẫn 42-HD/BTCTW ngày 28/10/2025 của Ban Tổ chức Trung ương',
     'Hướng dẫn bốn mươi hai, hướng dẫn Ban Tổ chức Trung ương ngày hai mươi'
     ' tám tháng mười năm hai nghìn không trăm hai mươi lăm của Ban Tổ chức '
     'Trung ương.'),
    ('Quyết định 4192-QĐ/BTCTW ngày 12/12/2025',
     'Quyết định bốn nghìn một trăm chín mươi hai, quyết định Ban Tổ chức '
     'Trung ương ngày mười hai tháng mười hai năm hai nghìn không trăm hai '
     'mươi lăm.'),
    ('Quy định 01-QĐ/TW ngày 3/2/2026 về chế độ đảng phí',
     'Quy định không một, quyết định Trung ương ngày ba tháng hai năm hai '
     'nghìn không trăm hai mươi sáu về chế độ đảng phí.'),
    ('Quy định 366-QĐ/TW ngày 30/8/2025 về kiểm điểm, đánh giá, xếp loại chất lượng',
     'Quy định ba trăm sáu mươi sáu, quyết định Trung ương ngày ba mươi '
     'tháng tám năm hai nghìn không trăm hai mươi lăm về kiểm điểm, đánh '
     'giá, xếp loại chất lượng.'),
    ('Quyết định 339-QĐ/TW ngày 10/7/2025 về Sổ tay đảng viên điện tử',
     'Quyết định ba trăm ba mươi chín, quyết định Trung ương ngày mười tháng'
     ' bảy năm hai nghìn không trăm hai mươi lăm về Sổ tay đảng viên điện '
     'tử.'),
    ('Chỉ thị 50-CT/TW ngày 23/7/2025 của Ban Bí thư',
     'Chỉ thị năm mươi, chỉ thị Trung ương ngày hai mươi ba tháng bảy năm '
     'hai nghìn không trăm hai mươi lăm của Ban Bí thư.'),
    ('Chỉ thị 51-CT/TW về công tác cán bộ',
     'Chỉ thị năm mươi mốt, chỉ thị Trung ương về công tác cán bộ.'),
    ('Nghị quyết số 12-NQ/TU của Ban Thường vụ Thành ủy',
     'Nghị quyết số mười hai, nghị quyết Thành ủy của Ban Thường vụ Thành ủy.'),
    ('Kế hoạch 15-KH/TU triển khai nghị quyết',
     'Kế hoạch mười lăm, kế hoạch Thành ủy triển khai nghị quyết.'),
    ('Thông báo 07-TB/ĐU của Đảng ủy phường',
     'Thông báo không bảy, thông báo Đảng ủy của Đảng ủy phường.'),
    ('Báo cáo 120-BC/TU sơ kết 6 tháng đầu năm 2026',
     'Báo cáo một trăm hai mươi, báo cáo Thành ủy sơ kết sáu tháng đầu năm '
     'hai nghìn không trăm hai mươi sáu.'),
    ('Công văn 235-CV/TU về việc rà soát dữ liệu đảng viên',
     'Công văn hai trăm ba mươi lăm, công văn Thành ủy về việc rà soát dữ '
     'liệu đảng viên.'),
    ('Nghị quyết 18-NQ/TW ngày 25/10/2017',
     'Nghị quyết mười tám, nghị quyết Trung ương ngày hai mươi lăm tháng '
     'mười năm hai nghìn không trăm mười bảy.'),
    ('Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15',
     'Luật Bảo vệ dữ liệu cá nhân số chín mươi mốt, năm hai nghìn không trăm'
     ' hai mươi lăm, Quốc hội khóa mười lăm.'),
    ('Nghị định 356/2025/NĐ-CP quy định chi tiết Luật Bảo vệ dữ liệu cá nhân',
     'Nghị định ba trăm năm mươi sáu, năm hai nghìn không trăm hai mươi lăm,'
     ' nghị định Chính phủ quy định chi tiết Luật Bảo vệ dữ liệu cá nhân.'),
    ('Quyết định số 05/2025/QĐ-TTg của Thủ tướng Chính phủ',
     'Quyết định số không năm, năm hai nghìn không trăm hai mươi lăm, quyết '
     'định Thủ tướng của Thủ tướng Chính phủ.'),
    ('Kết luận 137-KL/TW của Bộ Chính trị',
     'Kết luận một trăm ba mươi bảy, kết luận Trung ương của Bộ Chính trị.'),
    ('Quy chế làm việc 01-QC/ĐU của Đảng ủy xã',
     'Quy chế làm việc không một, quy chế Đảng ủy của Đảng ủy xã.'),
    ('Đại hội XIII của Đảng',
     'Đại hội mười ba của Đảng.'),
    ('Đại hội Đảng toàn quốc lần thứ XIV',
     'Đại hội Đảng toàn quốc lần thứ mười bốn.'),
    ('Đại hội đại biểu Đảng bộ thành phố Huế lần thứ XVII, nhiệm kỳ 2025–2030',
     'Đại hội đại biểu Đảng bộ thành phố Huế lần thứ mười bảy, nhiệm kỳ hai '
     'nghìn không trăm hai mươi lăm đến hai nghìn không trăm ba mươi.'),
    ('Ban Chấp hành Trung ương Đảng khóa XIII',
     'Ban Chấp hành Trung ương Đảng khóa mười ba.'),
    ('Quốc hội khóa XV',
     'Quốc hội khóa mười lăm.'),
    ('Hội nghị Trung ương 11 khóa XIII',
     'Hội nghị Trung ương mười một khóa mười ba.'),
    ('Tư tưởng Hồ Chí Minh về xây dựng Đảng trong thế kỷ XXI',
     'Tư tưởng Hồ Chí Minh về xây dựng Đảng trong thế kỷ hai mươi mốt.'),
    ('Kết quả quý IV năm 2025',
     'Kết quả quý bốn năm hai nghìn không trăm hai mươi lăm.'),
    ('Đ/c Nguyễn Văn An, Bí thư Chi bộ',
     'đồng chí Nguyễn Văn An, Bí thư Chi bộ.'),
    ('đ/c Trần Thị Bình được phân công theo dõi chi bộ',
     'đồng chí Trần Thị Bình được phân công theo dõi chi bộ.'),
    ('Các đ/c đảng viên dự họp đầy đủ',
     'Các đồng chí đảng viên dự họp đầy đủ.'),
    ('BTV TU chỉ đạo các ĐU trực thuộc',
     'Ban Thường vụ Thành ủy chỉ đạo các Đảng ủy trực thuộc.'),
    ('BCH Đảng bộ phường Thuận Lộc',
     'Ban Chấp hành Đảng bộ phường Thuận Lộc.'),
    ('HĐND và UBND thành phố Huế',
     'Hội đồng nhân dân và Ủy ban nhân dân thành phố Huế.'),
    ('MTTQ và các đoàn thể chính trị - xã hội',
     'Mặt trận Tổ quốc và các đoàn thể chính trị, xã hội.'),
    ('UBKT Thành ủy kiểm tra khi có dấu hiệu vi phạm',
     'Ủy ban Kiểm tra Thành ủy kiểm tra khi có dấu hiệu vi phạm.'),
    ('BTCTW hướng dẫn cập nhật CSDL đảng viên',
     'Ban Tổ chức Trung ương hướng dẫn cập nhật cơ sở dữ liệu đảng viên.'),
    ('ĐCSVN lãnh đạo sự nghiệp xây dựng CNXH',
     'Đảng Cộng sản Việt Nam lãnh đạo sự nghiệp xây dựng chủ nghĩa xã hội.'),
    ('Mỗi ĐV phải gương mẫu',
     'Mỗi đảng viên phải gương mẫu.'),
    ('Bí thư CB báo cáo ĐU phường',
     'Bí thư chi bộ báo cáo Đảng ủy phường.'),
    ('TP. Huế là thành phố trực thuộc Trung ương từ năm 2025',
     'thành phố Huế là thành phố trực thuộc Trung ương từ năm hai nghìn '
     'không trăm hai mươi lăm.'),
    ('P. Thuận Lộc và P. Phú Hội',
     'phường Thuận Lộc và phường Phú Hội.'),
    ('X. Phú Vang',
     'xã Phú Vang.'),
    ('Ban Tuyên giáo và Dân vận Thành ủy',
     'Ban Tuyên giáo và Dân vận Thành ủy.'),
    ('BTGTW phát hành tài liệu',
     'Ban Tuyên giáo Trung ương phát hành tài liệu.'),
    ('Cơ sở dữ liệu đảng viên 3.0 và Sổ tay đảng viên điện tử',
     'Cơ sở dữ liệu đảng viên ba chấm không và Sổ tay đảng viên điện tử.'),
    ('HU và QU không còn từ 1/7/2025',
     'Huyện ủy và Quận ủy không còn từ ngày một tháng bảy năm hai nghìn '
     'không trăm hai mươi lăm.'),
    ('Nghị quyết được thông qua khi có trên 1/2 số đảng viên chính thức tán thành',
     'Nghị quyết được thông qua khi có trên một phần hai số đảng viên chính '
     'thức tán thành.'),
    ('ít nhất 2/3 số đảng viên chính thức đồng ý',
     'ít nhất hai phần ba số đảng viên chính thức đồng ý.'),
    ('Có 2/3 đảng viên chính thức tán thành thì chi bộ đề nghị kết nạp',
     'Có hai phần ba đảng viên chính thức tán thành thì chi bộ đề nghị kết nạp.'),
    ('Đã có 10 2/3 trang tài liệu',
     'Đã có mười và hai phần ba trang tài liệu.'),
    ('quá 1/2 tổng số đảng viên được triệu tập',
     'quá một phần hai tổng số đảng viên được triệu tập.'),
    ('Tỷ lệ tán thành đạt 2/3',
     'Tỷ lệ tán thành đạt hai phần ba.'),
    ('Tỷ lệ 1:2',
     'Tỷ lệ một trên hai.'),
    ('Tỷ lệ đảng viên tham gia sinh hoạt đạt 95%',
     'Tỷ lệ đảng viên tham gia sinh hoạt đạt chín mươi lăm phần trăm.'),
    ('Giảm 30% đảng phí trong 12 tháng',
     'Giảm ba mươi phần trăm đảng phí trong mười hai tháng.'),
    ('Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt 75,5%',
     'Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ đạt bảy mươi lăm phẩy năm phần trăm.'),
    ('Mức đóng 1% tiền lương làm căn cứ đóng bảo hiểm xã hội',
     'Mức đóng một phần trăm tiền lương làm căn cứ đóng bảo hiểm xã hội.'),
    ('0,5% lương hưu',
     'không phẩy năm phần trăm lương hưu.'),
    ('Học sinh, sinh viên đóng 5.000 đ/tháng',
     'Học sinh, sinh viên đóng năm nghìn đồng mỗi tháng.'),
    ('Đảng phí 5.000 đồng mỗi tháng',
     'Đảng phí năm nghìn đồng mỗi tháng.'),
    ('Mức lương tối thiểu vùng 4.960.000 đồng',
     'Mức lương tối thiểu vùng bốn triệu chín trăm sáu mươi nghìn đồng.'),
    ('Kinh phí hỗ trợ 1,2 triệu đồng mỗi năm',
     'Kinh phí hỗ trợ một phẩy hai triệu đồng mỗi năm.'),
    ('Ủng hộ 500.000 VNĐ',
     'Ủng hộ năm trăm nghìn đồng.'),
    ('Tổng kinh phí 2.500.000 VND',
     'Tổng kinh phí hai triệu năm trăm nghìn đồng.'),
    ('Khen thưởng 1,5 tỷ đồng',
     'Khen thưởng một phẩy năm tỷ đồng.'),
    ('Chi bộ sinh hoạt vào ngày mồng 5 hằng tháng, lúc 7 giờ 30',
     'Chi bộ sinh hoạt vào ngày mồng năm hằng tháng, lúc bảy giờ ba mươi.'),
    ('Họp lúc 19h30 tại nhà văn hóa',
     'Họp lúc mười chín giờ ba mươi tại nhà văn hóa.'),
    ('Sinh hoạt chi bộ bắt đầu lúc 14:00',
     'Sinh hoạt chi bộ bắt đầu lúc mười bốn giờ.'),
    ('Buổi sáng từ 7h đến 11h30',
     'Buổi sáng từ bảy giờ đến mười một giờ ba mươi.'),
    ('Thời gian sinh hoạt ít nhất 90 phút',
     'Thời gian sinh hoạt ít nhất chín mươi phút.'),
    ('Sinh hoạt chuyên đề kết hợp thường kỳ ít nhất 120 phút',
     'Sinh hoạt chuyên đề kết hợp thường kỳ ít nhất một trăm hai mươi phút.'),
    ('Tài liệu gửi đảng viên trước ít nhất 1 ngày',
     'Tài liệu gửi đảng viên trước ít nhất một ngày.'),
    ('ngày 3/2 kỷ niệm ngày thành lập Đảng',
     'ngày ba tháng hai kỷ niệm ngày thành lập Đảng.'),
    ('Ngày 3/2/1930 Đảng Cộng sản Việt Nam ra đời',
     'Ngày ba tháng hai năm một nghìn chín trăm ba mươi Đảng Cộng sản Việt '
     'Nam ra đời.'),
    ('Hôm 2/9 là ngày Quốc khánh',
     'Hôm hai tháng chín là ngày Quốc khánh.'),
    ('tháng 7/2025 sắp xếp tổ chức bộ máy',
     'tháng bảy năm hai nghìn không trăm hai mươi lăm sắp xếp tổ chức bộ máy.'),
    ('Từ 1/7–15/8/2025 thành lập cấp ủy xã mới',
     'Từ ngày một tháng bảy đến ngày mười lăm tháng tám năm hai nghìn không '
     'trăm hai mươi lăm thành lập cấp ủy xã mới.'),
    ('Có hiệu lực từ ngày 1/7/2025',
     'Có hiệu lực từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm.'),
    ('năm 2026',
     'năm hai nghìn không trăm hai mươi sáu.'),
    ('Năm 2030 tổ chức Đại hội XV',
     'Năm hai nghìn không trăm ba mươi tổ chức Đại hội mười lăm.'),
    ('Trong thời hạn 30 ngày làm việc kể từ ngày có quyết định',
     'Trong thời hạn ba mươi ngày làm việc kể từ ngày có quyết định.'),
    ('Trong 60 ngày làm việc phải chuyển sinh hoạt đảng',
     'Trong sáu mươi ngày làm việc phải chuyển sinh hoạt đảng.'),
    ('Sau 12 tháng dự bị',
     'Sau mười hai tháng dự bị.'),
    ('Quá 3 tháng không đóng đảng phí',
     'Quá ba tháng không đóng đảng phí.'),
    ('Độ tuổi từ 18–60 tuổi',
     'Độ tuổi từ mười tám đến sáu mươi tuổi.'),
    ('Giai đoạn 2026-2027 mức 0,3%',
     'Giai đoạn hai nghìn không trăm hai mươi sáu đến hai nghìn không trăm '
     'hai mươi bảy mức không phẩy ba phần trăm.'),
    ('từ ngày 1/1/2028',
     'từ ngày một tháng một năm hai nghìn không trăm hai mươi tám.'),
    ('Đảng viên có tuổi đảng từ 50 năm trở lên được miễn đóng đảng phí',
     'Đảng viên có tuổi đảng từ năm mươi năm trở lên được miễn đóng đảng phí.'),
    ('Huế có 40 xã, phường',
     'Huế có bốn mươi xã, phường.'),
    ('Cả nước có 34 tỉnh, thành phố và 3.321 đơn vị hành chính cấp xã',
     'Cả nước có ba mươi tư tỉnh, thành phố và ba nghìn ba trăm hai mươi mốt'
     ' đơn vị hành chính cấp xã.'),
    ('Thành phố có 58.000 đảng viên',
     'Thành phố có năm mươi tám nghìn đảng viên.'),
    ('Tổng số 1.250.000 đảng viên',
     'Tổng số một triệu hai trăm năm mươi nghìn đảng viên.'),
    ('Điểm từ 90 trở lên là xuất sắc',
     'Điểm từ chín mươi trở lên là xuất sắc.'),
    ('Từ 70 đến dưới 90 điểm',
     'Từ bảy mươi đến dưới chín mươi điểm.'),
    ('Dưới 50 điểm là không hoàn thành nhiệm vụ',
     'Dưới năm mươi điểm là không hoàn thành nhiệm vụ.'),
    ('thứ 2 hằng tuần',
     'thứ hai hằng tuần.'),
    ('lần thứ 4',
     'lần thứ tư.'),
    ('lần thứ 1',
     'lần thứ nhất.'),
    ('thứ 14 trong danh sách',
     'thứ mười bốn trong danh sách.'),
    ('khoản 2 Điều 9',
     'khoản hai Điều chín.'),
    ('Điều 9.3',
     'Điều chín chấm ba.'),
    ('mục 9.3 Quy định 24',
     'mục chín chấm ba Quy định hai mươi tư.'),
    ('Phòng chống dịch COVID-19',
     'Phòng chống dịch Covid mười chín.'),
    ('Cài đặt ứng dụng Zalo để nhận thông báo',
     'Cài đặt ứng dụng Zalo để nhận thông báo.'),
    ('Gửi email cho văn phòng',
     'Gửi email cho văn phòng.'),
    ('Kết nối Internet tại nhà văn hóa',
     'Kết nối Internet tại nhà văn hóa.'),
    ('Truy cập https://dangcongsan.vn để xem tin',
     'Truy cập trang dangcongsan chấm vn để xem tin.'),
    ('Xem tại www.hue.gov.vn/tin-tuc.',
     'Xem tại trang hue chấm gov chấm vn.'),
    ('Liên hệ vanphong@hue.dcs.vn',
     'Liên hệ vanphong a còng hue chấm dcs chấm vn.'),
    ('Các cấp ủy chủ động phương án "bốn tại chỗ"',
     'Các cấp ủy chủ động phương án bốn tại chỗ.'),
    ('Kế hoạch tổ chức Đại hội chi bộ (dự thảo)',
     'Kế hoạch tổ chức Đại hội chi bộ, dự thảo.'),
    ('Đề nghị báo cáo kết quả thực hiện Nghị quyết 6 tháng',
     'Đề nghị báo cáo kết quả thực hiện Nghị quyết sáu tháng.'),
    ('Nội dung: quán triệt nghị quyết; phân công nhiệm vụ',
     'Nội dung, quán triệt nghị quyết, phân công nhiệm vụ.'),
    ('Đảng viên cần: tự giác, gương mẫu…',
     'Đảng viên cần, tự giác, gương mẫu.'),
    ('Thông báo lịch sinh hoạt chi bộ tháng này',
     'Thông báo lịch sinh hoạt chi bộ tháng này.'),
    ('chỉ thị về công tác phòng, chống thiên tai mùa mưa bão',
     'chỉ thị về công tác phòng, chống thiên tai mùa mưa bão.'),
    ('rà soát các hộ dân vùng thấp trũng, ven sông Hương và đầm phá Tam Giang',
     'rà soát các hộ dân vùng thấp trũng, ven sông Hương và đầm phá Tam Giang.'),
    ('THPT Hai Bà Trưng',
     'trung học phổ thông Hai Bà Trưng.'),
    ('Số CCCD của đảng viên',
     'Số căn cước công dân của đảng viên.'),
    ('Đóng BHXH bắt buộc',
     'Đóng bảo hiểm xã hội bắt buộc.'),
    ('Nộp qua Cổng dịch vụ công quốc gia',
     'Nộp qua Cổng dịch vụ công quốc gia.'),
    ('HTX nông nghiệp',
     'hợp tác xã nông nghiệp.'),
    ('CLB hưu trí',
     'câu lạc bộ hưu trí.'),
    ('KT-XH của địa phương',
     'kinh tế xã hội của địa phương.'),
    ('công nghiệp hóa, hiện đại hóa đất nước',
     'công nghiệp hóa, hiện đại hóa đất nước.'),
    ('Xây dựng HTCT trong sạch, vững mạnh',
     'Xây dựng hệ thống chính trị trong sạch, vững mạnh.'),
    ('ABC là mã chưa có trong bảng',
     'a bê xê là mã chưa có trong bảng.'),
    ('Đoàn kiểm tra XYZ',
     'Đoàn kiểm tra ích xì i dài dét.'),
    ('Khóa học ID',
     'Khóa học ai đi.'),
    ('nhiệt độ -5 độ',
     'nhiệt độ âm năm độ.'),
    ('Tăng 2,5 lần',
     'Tăng hai phẩy năm lần.'),
    ('Giảm 0,75 điểm',
     'Giảm không phẩy bảy mươi lăm điểm.'),
    ('Tuổi bình quân 61,4',
     'Tuổi bình quân sáu mươi mốt phẩy bốn.'),
    ('Có 105 đảng viên',
     'Có một trăm linh năm đảng viên.'),
    ('Có 101 đảng viên dự họp',
     'Có một trăm linh một đảng viên dự họp.'),
    ('Có 1005 lượt truy cập',
     'Có một nghìn không trăm linh năm lượt truy cập.'),
    ('Có 1000 lượt truy cập',
     'Có một nghìn lượt truy cập.'),
    ('Chi bộ có 15 đảng viên',
     'Chi bộ có mười lăm đảng viên.'),
    ('Chi bộ có 21 đảng viên',
     'Chi bộ có hai mươi mốt đảng viên.'),
    ('Chi bộ có 24 đảng viên',
     'Chi bộ có hai mươi tư đảng viên.'),
    ('Chi bộ có 25 đảng viên',
     'Chi bộ có hai mươi lăm đảng viên.'),
    ('Chi bộ có 10 đảng viên',
     'Chi bộ có mười đảng viên.'),
    ('0 phiếu chống',
     'không phiếu chống.'),
    ('Ngân sách 1.000.000.000 đồng',
     'Ngân sách một tỷ đồng.'),
    ('Một triệu: 1.000.000',
     'Một triệu, một triệu.'),
    ('Số điện thoại 0234 3822 123',
     'Số điện thoại không hai ba bốn, ba tám hai hai, một hai ba.'),
    ('Gọi 0905123456',
     'Gọi không chín không năm một hai ba bốn năm sáu.'),
    ('Diện tích 2 ha',
     'Diện tích hai héc ta.'),
    ('Cách trung tâm 15 km',
     'Cách trung tâm mười lăm ki lô mét.'),
    ('Đảng viên   có    nhiều   khoảng trắng',
     'Đảng viên có nhiều khoảng trắng.'),
    ('Chi bộ  Thuận Lộc 1',
     'Chi bộ Thuận Lộc một.'),
    ('Quý 1/2026',
     'Quý một năm hai nghìn không trăm hai mươi sáu.'),
    ('Trang 12',
     'Trang mười hai.'),
    ('Chào mừng 96 năm ngày thành lập Đảng (3/2/1930 – 3/2/2026)',
     'Chào mừng chín mươi sáu năm ngày thành lập Đảng, ngày ba tháng hai năm'
     ' một nghìn chín trăm ba mươi đến ngày ba tháng hai năm hai nghìn không'
     ' trăm hai mươi sáu.'),
    ('Bầu 7 ủy viên BCH, 2 ủy viên UBKT',
     'Bầu bảy ủy viên Ban Chấp hành, hai ủy viên Ủy ban Kiểm tra.'),
    ('Ủy viên BTV Thành ủy',
     'Ủy viên Ban Thường vụ Thành ủy.'),
    ('Ngày 19/5 sinh nhật Bác',
     'Ngày mười chín tháng năm sinh nhật Bác.'),
    ('Gọi 0905.123.456',
     'Gọi không chín không năm, một hai ba, bốn năm sáu.'),
]

# the administrative forms of dates, times and rates
PHRASES += [
    ('Thừa Thiên Huế, ngày 05 tháng 01 năm 2026',
     'Thừa Thiên Huế, ngày năm tháng một năm hai nghìn không trăm hai mươi sáu.'),
    ('Họp lúc 08 giờ 00 ngày 02/9',
     'Họp lúc tám giờ ngày hai tháng chín.'),
    ('Kỷ niệm ngày 30-4 và ngày 2-9-1945',
     'Kỷ niệm ngày ba mươi tháng tư và ngày hai tháng chín năm một nghìn '
     'chín trăm bốn mươi lăm.'),
    ('Chi bộ sinh hoạt 1 lần/tháng',
     'Chi bộ sinh hoạt một lần mỗi tháng.'),
    ('Sinh hoạt chuyên đề 3 tháng/lần',
     'Sinh hoạt chuyên đề ba tháng mỗi lần.'),
    ('Kinh phí 50.000 đồng/người/năm',
     'Kinh phí năm mươi nghìn đồng mỗi người mỗi năm.'),
    ('Đảng viên và/hoặc quần chúng ưu tú',
     'Đảng viên và hoặc quần chúng ưu tú.'),
    ('Thông báo số 15/TB-VPTU',
     'Thông báo số mười lăm, thông báo Văn phòng Thành ủy.'),
    ('Số: 12-NQ/TU',
     'Số, mười hai, nghị quyết Thành ủy.'),
    ('Ngày 19-5 sinh nhật Chủ tịch Hồ Chí Minh',
     'Ngày mười chín tháng năm sinh nhật Chủ tịch Hồ Chí Minh.'),
]

# edge cases of the number rules: (number, words)
CARDINALS = [
    (0, "không"), (1, "một"), (4, "bốn"), (5, "năm"), (10, "mười"),
    (11, "mười một"), (14, "mười bốn"), (15, "mười lăm"), (20, "hai mươi"),
    (21, "hai mươi mốt"), (24, "hai mươi tư"), (25, "hai mươi lăm"),
    (55, "năm mươi lăm"), (100, "một trăm"), (101, "một trăm linh một"),
    (104, "một trăm linh bốn"), (105, "một trăm linh năm"),
    (110, "một trăm mười"), (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"), (1000, "một nghìn"),
    (1005, "một nghìn không trăm linh năm"),
    (1015, "một nghìn không trăm mười lăm"),
    (2026, "hai nghìn không trăm hai mươi sáu"),
    (10000, "mười nghìn"), (15000, "mười lăm nghìn"),
    (21000, "hai mươi mốt nghìn"), (100000, "một trăm nghìn"),
    (1000000, "một triệu"), (1000500, "một triệu năm trăm"),
    (2000005, "hai triệu không trăm linh năm"),
    (1250000, "một triệu hai trăm năm mươi nghìn"),
    (1000000000, "một tỷ"), (1000000001, "một tỷ không trăm linh một"),
    (2500000000, "hai tỷ năm trăm triệu"),
    (-5, "âm năm"), (-21, "âm hai mươi mốt"),
]

# numbers as written in a text
WRITTEN_NUMBERS = [
    ("0", "không"), ("10", "mười"), ("15", "mười lăm"), ("21", "hai mươi mốt"),
    ("24", "hai mươi tư"), ("25", "hai mươi lăm"), ("101", "một trăm linh một"),
    ("105", "một trăm linh năm"), ("1000", "một nghìn"), ("1.000", "một nghìn"),
    ("1005", "một nghìn không trăm linh năm"),
    ("1.000.000", "một triệu"), ("1.000.000.000", "một tỷ"),
    ("2,5", "hai phẩy năm"), ("0,75", "không phẩy bảy mươi lăm"),
    ("3,05", "ba phẩy không năm"),
    ("1.250.000,5", "một triệu hai trăm năm mươi nghìn phẩy năm"),
    ("-5", "âm năm"), ("-2,5", "âm hai phẩy năm"), ("01", "không một"),
]


def test_the_table_is_large_enough():
    assert len(PHRASES) >= 150
    assert len({written for written, _spoken in PHRASES}) == len(PHRASES)


@pytest.mark.parametrize("written,spoken", PHRASES)
def test_party_phrases_read_as_spoken(written, spoken):
    assert normalize(written) == spoken


@pytest.mark.parametrize("number,words", CARDINALS)
def test_cardinal(number, words):
    assert normalizer.cardinal(number) == words


@pytest.mark.parametrize("written,words", WRITTEN_NUMBERS)
def test_numbers_in_a_text(written, words):
    assert normalize("Số %s" % written) == "Số %s." % words


@pytest.mark.parametrize("written", [w for w, _s in PHRASES])
def test_nothing_left_for_the_engine_to_misread(written):
    """No digit, no slash, no abbreviation in capitals is left over."""
    spoken = normalize(written)
    assert not re.search(r"[0-9/%@]", spoken), spoken
    assert not re.search(r"\b(?:NQ|QĐ|TW|TU|HD|BTCTW|UBND|HĐND|ĐV|CB)\b",
                         spoken), spoken
    assert spoken.endswith("."), spoken
    assert "  " not in spoken


def test_ordinals():
    assert normalizer.ordinal(1) == "nhất"
    assert normalizer.ordinal(4) == "tư"
    assert normalizer.ordinal(14) == "mười bốn"
    assert normalize("lần thứ 2") == "lần thứ hai."
    assert normalize("lần thứ IV") == "lần thứ tư."


def test_roman_numerals():
    assert [normalizer.roman(r) for r in ("I", "IV", "IX", "XIII", "XIV",
                                          "XXI", "XL", "MMXXVI")] == [
        1, 4, 9, 13, 14, 21, 40, 2026]
    assert normalizer.roman("IIII") is None
    assert normalizer.roman("ABC") is None


def test_fraction_or_date_by_context():
    """The a/b heuristic (docs/AUDIO.md): a date after ngày/hôm/từ/đến or
    with a year, a fraction after a number or with ít nhất/quá/trên/tán
    thành/số/đảng viên, and a fraction when nothing tells."""
    assert normalize("ngày 2/3") == "ngày hai tháng ba."
    assert normalize("từ 2/3 đến 5/3/2026") == (
        "từ ngày hai tháng ba đến ngày năm tháng ba năm hai nghìn không trăm "
        "hai mươi sáu.")
    assert normalize("2/3 năm 2026") == (
        "ngày hai tháng ba năm hai nghìn không trăm hai mươi sáu.")
    assert normalize("2/3 số đảng viên") == "hai phần ba số đảng viên."
    assert normalize("ít nhất 2/3") == "ít nhất hai phần ba."
    assert normalize("tán thành 2/3") == "tán thành hai phần ba."
    assert normalize("10 2/3") == "mười và hai phần ba."
    assert normalize("2/3") == "hai phần ba."
    assert normalize("45/60") == "bốn mươi lăm phần sáu mươi."
    assert normalize("ngày 45/60") == "ngày bốn mươi lăm phần sáu mươi."


def test_times_and_ratios():
    assert normalize("19h30") == "mười chín giờ ba mươi."
    assert normalize("7h05") == "bảy giờ năm phút."
    assert normalize("14:00") == "mười bốn giờ."
    assert normalize("14:45") == "mười bốn giờ bốn mươi lăm."
    assert normalize("1:2") == "một trên hai."
    assert normalize("tỷ lệ 1:50.000") == "tỷ lệ một trên năm mươi nghìn."


def test_capitals_of_a_heading_are_words_not_abbreviations():
    assert normalize("TU DƯỠNG, RÈN LUYỆN ĐẠO ĐỨC") == (
        "tu dưỡng, rèn luyện đạo đức.")
    assert normalize("BTV TU") == "Ban Thường vụ Thành ủy."
    assert normalizer.is_syllable("NGHIÊNG")
    assert normalizer.is_syllable("khuya")
    assert not normalizer.is_syllable("HD")
    assert not normalizer.is_syllable("COVID")


def test_the_abbreviation_table_is_data():
    """Every abbreviation reads as words, none is spelled."""
    for short, words in normalizer.ABBREVIATIONS.items():
        assert normalize("Theo %s nay" % short) == "Theo %s nay." % words


def test_pauses_and_whitespace():
    assert normalize("") == ""
    assert normalize(None) == ""
    assert normalize("  \n \n ") == ""
    assert normalize("Nội dung\n- Thứ nhất\n- Thứ hai") == (
        "Nội dung. Thứ nhất. Thứ hai.")
    assert normalize("Tiêu đề\tcó   tab") == "Tiêu đề có tab."
    assert normalize("Hỏi?") == "Hỏi?"


def test_any_text_is_said_without_error_and_without_digits():
    """5,000 seeded random strings of digits, separators, letters and
    abbreviations: no exception, no digit left ("99h99", "7b51,9.9")."""
    import random
    rng = random.Random(15)
    alphabet = "0123456789/.,-:%hđĐ NQTUVXIabcngàyháng()\"'\n;–@gQ"
    for _index in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        spoken = normalize(text)
        assert not re.search(r"\d", spoken), (text, spoken)


def test_odd_numbers_keep_their_letters():
    assert normalize("50g") == "năm mươi g."
    assert normalize("99h99") == "chín mươi chín h chín mươi chín."
    assert normalize("Chi bộ 3a") == "Chi bộ ba a."
    assert normalize("12-") == "mười hai."


def test_units_after_a_number():
    assert normalize("Diện tích 2 ha, 120 m2, 3 mặt, 15 km, 30°C") == (
        "Diện tích hai héc ta, một trăm hai mươi mét vuông, ba mặt, mười lăm "
        "ki lô mét, ba mươi độ xê.")
